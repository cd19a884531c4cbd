// The few Block Kit shapes pagerslack posts, typed here so shared/ stays free of any SDK (the hosted app
// runs on Deno, the bridge on Node). Field names are Slack's.

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface HeaderBlock {
  type: "header";
  block_id?: string;
  text: PlainText;
}

export interface SectionBlock {
  type: "section";
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
}

export interface ContextBlock {
  type: "context";
  block_id?: string;
  elements: TextObject[];
}

export interface DividerBlock {
  type: "divider";
  block_id?: string;
}

/** A button that starts a workflow through a link trigger; it keeps working as long as the trigger exists. */
export interface WorkflowButton {
  type: "workflow_button";
  text: PlainText;
  action_id?: string;
  style?: "primary" | "danger";
  workflow: {
    trigger: {
      url: string;
      customizable_input_parameters?: { name: string; value: string }[];
    };
  };
}

export interface ActionsBlock {
  type: "actions";
  block_id?: string;
  elements: WorkflowButton[];
}

export type Block =
  | HeaderBlock
  | SectionBlock
  | ContextBlock
  | DividerBlock
  | ActionsBlock;

/** `metadata` of chat.postMessage / chat.update. */
export interface MessageMetadata<P = Record<string, unknown>> {
  event_type: string;
  event_payload: P;
}
