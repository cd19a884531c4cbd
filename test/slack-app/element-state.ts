/**
 * Element states as Slack sends them in `view.state.values[block_id][action_id]` on a view submission, so tests
 * fill forms the way a person's choices arrive (an untouched select is `null`, an empty input `value: null`).
 */
export const elementState = {
  text: (value: string | null | undefined) => ({
    type: "plain_text_input",
    value: value ?? null,
  }),
  select: (value: string | null | undefined) => ({
    type: "static_select",
    selected_option: value ? { value } : null,
  }),
  multiSelect: (values: readonly string[]) => ({
    type: "multi_static_select",
    selected_options: values.map((value) => ({ value })),
  }),
  radio: (value: string) => ({
    type: "radio_buttons",
    selected_option: { value },
  }),
  checkboxes: (values: readonly string[]) => ({
    type: "checkboxes",
    selected_options: values.map((value) => ({ value })),
  }),
};
