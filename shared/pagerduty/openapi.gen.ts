// GENERATED FILE — do not edit. Types of PagerDuty's REST API v2, from
// test/specs/pagerduty-rest-openapiv3.trimmed.json (see test/specs/README.md for its source) by openapi-typescript.
// Regenerate: npm run generate:pagerduty-types   (friendly names live in rest-types.ts)
// Excluded from deno fmt / deno lint in deno.jsonc.
export interface paths {
    "/abilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List abilities
         * @description List all of your account's abilities, by name.
         *
         *     "Abilities" describes your account's capabilities by feature name. For example `"teams"`.
         *
         *     An ability may be available to your account based on things like your pricing plan or account state.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#abilities)
         *
         *     Scoped OAuth requires: `abilities.read`
         */
        get: operations["listAbilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/abilities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Test an ability
         * @description Test whether your account has a given ability.
         *
         *     "Abilities" describes your account's capabilities by feature name. For example `"teams"`.
         *
         *     An ability may be available to your account based on things like your pricing plan or account state.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#abilities)
         *
         *     Scoped OAuth requires: `abilities.read`
         */
        get: operations["getAbility"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/escalation_policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List escalation policies
         * @description List all of the existing escalation policies.
         *
         *     Escalation policies define which user should be alerted at which time.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#escalation-policies)
         *
         *     Scoped OAuth requires: `escalation_policies.read`
         */
        get: operations["listEscalationPolicies"];
        put?: never;
        /**
         * Create an escalation policy
         * @description Creates a new escalation policy. At least one escalation rule must be provided.
         *
         *     Escalation policies define which user should be alerted at which time.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#escalation-policies)
         *
         *     Scoped OAuth requires: `escalation_policies.write`
         */
        post: operations["createEscalationPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/escalation_policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an escalation policy
         * @description Get information about an existing escalation policy and its rules.
         *
         *     Escalation policies define which user should be alerted at which time.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#escalation-policies)
         *
         *     Scoped OAuth requires: `escalation_policies.read`
         */
        get: operations["getEscalationPolicy"];
        /**
         * Update an escalation policy
         * @description Updates an existing escalation policy and rules.
         *
         *     Escalation policies define which user should be alerted at which time.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#escalation-policies)
         *
         *     Scoped OAuth requires: `escalation_policies.write`
         */
        put: operations["updateEscalationPolicy"];
        post?: never;
        /**
         * Delete an escalation policy
         * @description Deletes an existing escalation policy and rules. The escalation policy must not be in use by any services.
         *
         *     Escalation policies define which user should be alerted at which time.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#escalation-policies)
         *
         *     Scoped OAuth requires: `escalation_policies.write`
         */
        delete: operations["deleteEscalationPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incident_workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Incident Workflows
         * @description List existing Incident Workflows.
         *
         *     This is the best method to use to list all Incident Workflows in your account. If your use case requires listing Incident Workflows associated with a particular Service, you can use the "List Triggers" method to find Incident Workflows configured to start for Incidents in a given Service.
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows.read`
         */
        get: operations["listIncidentWorkflows"];
        put?: never;
        /**
         * Create an Incident Workflow
         * @description Create a new Incident Workflow
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows.write`
         */
        post: operations["postIncidentWorkflow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incident_workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an Incident Workflow
         * @description Get an existing Incident Workflow
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows.read`
         */
        get: operations["getIncidentWorkflow"];
        /**
         * Update an Incident Workflow
         * @description Update an Incident Workflow
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows.write`
         */
        put: operations["putIncidentWorkflow"];
        post?: never;
        /**
         * Delete an Incident Workflow
         * @description Delete an existing Incident Workflow
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows.write`
         */
        delete: operations["deleteIncidentWorkflow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incident_workflows/{id}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an Incident Workflow Instance
         * @description Start an Instance of an Incident Workflow. Sometimes referred to as "triggering a workflow on an incident."
         *
         *     An Incident Workflow is a sequence of configurable Steps and associated Triggers that can execute automated Actions for a given Incident.
         *
         *     Scoped OAuth requires: `incident_workflows:instances.write`
         */
        post: operations["createIncidentWorkflowInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incident_workflows/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Triggers
         * @description List existing Incident Workflow Triggers
         *
         *     Scoped OAuth requires: `incident_workflows.read`
         */
        get: operations["listIncidentWorkflowTriggers"];
        put?: never;
        /**
         * Create a Trigger
         * @description Create new Incident Workflow Trigger
         *
         *     Scoped OAuth requires: `incident_workflows.write`
         */
        post: operations["createIncidentWorkflowTrigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List incidents
         * @description List existing incidents.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.read`
         */
        get: operations["listIncidents"];
        /**
         * Manage incidents
         * @description Acknowledge, resolve, escalate or reassign one or more incidents.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     A maximum of 250 incidents may be updated at a time. If more than this number of incidents are given, the API will respond with status 413 (Request Entity Too Large).
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         *
         *     This API operation has operation specific rate limits. See the [Rate Limits](https://developer.pagerduty.com/docs/72d3b724589e3-rest-api-rate-limits) page for more information.
         */
        put: operations["updateIncidents"];
        /**
         * Create an Incident
         * @description Create an incident synchronously without a corresponding event from a monitoring service.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         *
         *     This API operation has operation specific rate limits. See the [Rate Limits](https://developer.pagerduty.com/docs/72d3b724589e3-rest-api-rate-limits) page for more information.
         */
        post: operations["createIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident
         * @description Show detailed information about an incident. Accepts either an incident id, or an incident number.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.read`
         */
        get: operations["getIncident"];
        /**
         * Update an incident
         * @description Acknowledge, resolve, escalate or reassign an incident.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        put: operations["updateIncident"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Merge incidents
         * @description Merge a list of source incidents into the target [incident](https://developer.pagerduty.com/api-reference/a47605517c19a-api-concepts#incidents).
         *
         *     After the merge is performed the target incident will contain the source incidents' [alerts](https://developer.pagerduty.com/api-reference/a47605517c19a-api-concepts#alerts),
         *     and the source incidents will be resolved.
         *
         *     Only incidents that have alerts or incidents that were created manually in the UI can be merged.
         *
         *     Open incidents cannot be merged into a resolved incident. The target incident must be open.
         *
         *     An incident cannot have more than 1000 alerts. The server will return an error if merging the source incidents
         *     will result in the target incident having more than 1000 alerts.
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        put: operations["mergeIncidents"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notes for an incident
         * @description List existing notes for the specified incident.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.read`
         */
        get: operations["listIncidentNotes"];
        put?: never;
        /**
         * Create a note on an incident
         * @description Create a new note for the specified incident.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     A maximum of 2000 notes can be added to an incident.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        post: operations["createIncidentNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/responder_requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a responder request for an incident
         * @description Send a new responder request for the specified incident. This endpoint requires the account to have access to the [responder requests](https://support.pagerduty.com/main/docs/add-responders) feature.
         *
         *     **Account Ability Requirement**: The account must have the `coordinated_responding` ability. Returns 402 Payment Required if the ability is missing. You can use the [List Abilities API](openapiv3.json/paths/~1abilities/get) to check account abilities.
         *
         *     A user or an escalation policy can be requested. The responder targets will be notified via their high urgency notification rules, until the target user has either accepted or declined the request.
         *     Previous responder requests for a given target can be cancelled (preventing them from further notifying or escalating), with the [Cancel Responder Requests](openapiv3.json/paths/~1incidents~1{id}~1responder_requests~1cancel/put) endpoint.
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        post: operations["createIncidentResponderRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Snooze an incident
         * @description Snooze an incident.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        post: operations["createIncidentSnooze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/incidents/{id}/status_updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a status update on an incident
         * @description Create a new status update for the specified incident. Optionally pass `subject` and `html_message` properties in the request body to override the email notification that gets sent.
         *
         *     An incident represents a problem or an issue that needs to be addressed and resolved.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#incidents)
         *
         *     Scoped OAuth requires: `incidents.write`
         */
        post: operations["createIncidentStatusUpdate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oncalls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all of the on-calls
         * @description List the on-call entries during a given time range.
         *
         *     An on-call represents a contiguous unit of time for which a User will be on call for a given Escalation Policy and Escalation Rules.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#on-calls)
         *
         *     Scoped OAuth requires: `oncalls.read`
         *
         *     This API operation has operation specific rate limits. See the [Rate Limits](https://developer.pagerduty.com/docs/72d3b724589e3-rest-api-rate-limits) page for more information.
         */
        get: operations["listOnCalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/priorities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List priorities
         * @description List existing priorities, in order (most to least severe).
         *
         *     A priority is a label representing the importance and impact of an incident.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#priorities)
         *
         *     Scoped OAuth requires: `priorities.read`
         */
        get: operations["listPriorities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List schedules
         * @description List the on-call schedules.
         *
         *     A Schedule determines the time periods that users are On-Call.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#schedules)
         *
         *     Scoped OAuth requires: `schedules.read`
         */
        get: operations["listSchedules"];
        put?: never;
        /**
         * Create a schedule
         * @description Create a new on-call schedule.
         *
         *     A Schedule determines the time periods that users are On-Call.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#schedules)
         *
         *     Scoped OAuth requires: `schedules.write`
         */
        post: operations["createSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a schedule
         * @description Show detailed information about a schedule, including entries for each layer.
         *     Scoped OAuth requires: `schedules.read`
         */
        get: operations["getSchedule"];
        /**
         * Update a schedule
         * @description Update an existing on-call schedule.
         *
         *     A Schedule determines the time periods that users are On-Call.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#schedules)
         *
         *     Scoped OAuth requires: `schedules.write`
         */
        put: operations["updateSchedule"];
        post?: never;
        /**
         * Delete a schedule
         * @description Delete an on-call schedule.
         *
         *     A Schedule determines the time periods that users are On-Call.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#schedules)
         *
         *     Scoped OAuth requires: `schedules.write`
         */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List services
         * @description List existing Services.
         *
         *     A service may represent an application, component, or team you wish to open incidents against.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#services)
         *
         *     Scoped OAuth requires: `services.read`
         */
        get: operations["listServices"];
        put?: never;
        /**
         * Create a service
         * @description Create a new service.
         *
         *     If `status` is included in the request, it must have a value of `active` when creating a new service. If a different status is required, make a second request to update the service.
         *
         *     A service may represent an application, component, or team you wish to open incidents against.
         *
         *     There is a limit of 25,000 services per account. If the limit is reached, the API will respond with an error. There is also a limit of 100,000 open Incidents per Service. If the limit is reached and `auto_resolve_timeout` is disabled (set to 0 or null), the `auto_resolve_timeout` property will automatically be set to  84600 (1 day).
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#services)
         *
         *     Scoped OAuth requires: `services.write`
         */
        post: operations["createService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a service
         * @description Get details about an existing service.
         *
         *     A service may represent an application, component, or team you wish to open incidents against.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#services)
         *
         *     Scoped OAuth requires: `services.read`
         */
        get: operations["getService"];
        /**
         * Update a service
         * @description Update an existing service.
         *
         *     A service may represent an application, component, or team you wish to open incidents against.
         *
         *     There is a limit of 100,000 open Incidents per Service. If the limit is reached and you disable `auto_resolve_timeout` (set to 0 or null), the API will respond with an error.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#services)
         *
         *     Scoped OAuth requires: `services.write`
         */
        put: operations["updateService"];
        post?: never;
        /**
         * Delete a service
         * @description Delete an existing service.
         *
         *     Once the service is deleted, it will not be accessible from the web UI and new incidents won't be able to be created for this service.
         *
         *     A service may represent an application, component, or team you wish to open incidents against.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#services)
         *
         *     Scoped OAuth requires: `services.write`
         */
        delete: operations["deleteService"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description List teams of your PagerDuty account, optionally filtered by a search query.
         *
         *     A team is a collection of Users and Escalation Policies that represent a group of people within an organization.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#teams)
         *
         *     Scoped OAuth requires: `teams.read`
         */
        get: operations["listTeams"];
        put?: never;
        /**
         * Create a team
         * @description Create a new Team.
         *
         *     A team is a collection of Users and Escalation Policies that represent a group of people within an organization.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#teams)
         *
         *     Scoped OAuth requires: `teams.write`
         */
        post: operations["createTeam"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a team
         * @description Get details about an existing team.
         *
         *     A team is a collection of Users and Escalation Policies that represent a group of people within an organization.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#teams)
         *
         *     Scoped OAuth requires: `teams.read`
         */
        get: operations["getTeam"];
        /**
         * Update a team
         * @description Update an existing team.
         *
         *     A team is a collection of Users and Escalation Policies that represent a group of people within an organization.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#teams)
         *
         *     Scoped OAuth requires: `teams.write`
         */
        put: operations["updateTeam"];
        post?: never;
        /**
         * Delete a team
         * @description Remove an existing team.
         *
         *     Succeeds only if the team has no associated Escalation Policies, Services, Schedules and Subteams.
         *
         *     All associated unresovled incidents will be reassigned to another team (if specified) or will loose team association, thus becoming account-level (with visibility implications).
         *
         *     Note that the incidents reassignment process is asynchronous and has no guarantee to complete before the API call return.
         *
         *     A team is a collection of Users and Escalation Policies that represent a group of people within an organization.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#teams)
         *
         *     Scoped OAuth requires: `teams.write`
         */
        delete: operations["deleteTeam"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description List users of your PagerDuty account, optionally filtered by a search query.
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         *
         *     Scoped OAuth requires: `users.read`
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Create a new user.
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         *
         *     Scoped OAuth requires: `users.write`
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user
         * @description Get details about an existing user.
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         *
         *     Scoped OAuth requires: `users.read`
         */
        get: operations["getUser"];
        /**
         * Update a user
         * @description Update an existing user.
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         *
         *     Scoped OAuth requires: `users.write`
         */
        put: operations["updateUser"];
        post?: never;
        /**
         * Delete a user
         * @description Remove an existing user.
         *
         *     Returns 400 if the user has assigned incidents unless your [pricing plan](https://www.pagerduty.com/pricing) has the `offboarding` feature and the account is [configured](https://support.pagerduty.com/docs/offboarding#section-additional-configurations) appropriately.
         *
         *     Note that the incidents reassignment process is asynchronous and has no guarantee to complete before the api call return.
         *
         *     [*Learn more about `offboarding` feature*](https://support.pagerduty.com/docs/offboarding).
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         *
         *     Scoped OAuth requires: `users.write`
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the current user
         * @description Get details about the current user.
         *
         *     This endpoint can only be used with a [user-level API key](https://support.pagerduty.com/docs/using-the-api#section-generating-a-personal-rest-api-key) or a key generated through an OAuth flow. This will not work if the request is made with an account-level access token.
         *
         *     Users are members of a PagerDuty account that have the ability to interact with Incidents and other data on the account.
         *
         *     For more information see the [API Concepts Document](../../api-reference/a47605517c19a-api-concepts#users)
         */
        get: operations["getCurrentUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook_subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook subscriptions
         * @description List existing webhook subscriptions.
         *
         *     The `filter_type` and `filter_id` query parameters may be used to only show subscriptions
         *     for a particular _service_ or _team_.
         *
         *     For more information on webhook subscriptions and how they are used to configure v3 webhooks
         *     see the [Webhooks v3 Developer Documentation](https://developer.pagerduty.com/docs/webhooks/v3-overview/).
         *
         *     Scoped OAuth requires: `webhook_subscriptions.read`
         */
        get: operations["listWebhookSubscriptions"];
        put?: never;
        /**
         * Create a webhook subscription
         * @description Creates a new webhook subscription.
         *
         *     For more information on webhook subscriptions and how they are used to configure v3 webhooks
         *     see the [Webhooks v3 Developer Documentation](https://developer.pagerduty.com/docs/webhooks/v3-overview/).
         *
         *     Scoped OAuth requires: `webhook_subscriptions.write`
         */
        post: operations["createWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook_subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook subscription
         * @description Gets details about an existing webhook subscription.
         *
         *     Scoped OAuth requires: `webhook_subscriptions.read`
         */
        get: operations["getWebhookSubscription"];
        /**
         * Update a webhook subscription
         * @description Updates an existing webhook subscription.
         *
         *     Only the fields being updated need to be included on the request.  This operation does not
         *     support updating the `delivery_method` of the webhook subscription.
         *
         *     Scoped OAuth requires: `webhook_subscriptions.write`
         */
        put: operations["updateWebhookSubscription"];
        post?: never;
        /**
         * Delete a webhook subscription
         * @description Deletes a webhook subscription.
         *
         *     Scoped OAuth requires: `webhook_subscriptions.write`
         */
        delete: operations["deleteWebhookSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook_subscriptions/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable a webhook subscription
         * @description Enable a webhook subscription that is temporarily disabled. (This API does not require a request body.)
         *
         *     Webhook subscriptions can become temporarily disabled when the subscription's delivery method is repeatedly rejected by the server.
         *
         *     Scoped OAuth requires: `webhook_subscriptions.write`
         */
        post: operations["enableWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook_subscriptions/{id}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a webhook subscription
         * @description Test a webhook subscription.
         *
         *     Fires a test event against the webhook subscription.  If properly configured,
         *     this will deliver the `pagey.ping` webhook event to the destination.
         *
         *     Scoped OAuth requires: `webhook_subscriptions.write`
         */
        post: operations["testWebhookSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Acknowledgement: {
            acknowledger: components["schemas"]["AcknowledgerReference"] | components["schemas"]["User"] | components["schemas"]["Service"];
            /**
             * Format: date-time
             * @description Time at which the acknowledgement was created.
             */
            at: string;
        };
        AcknowledgerReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "user_reference" | "service_reference";
        };
        AddonReference: components["schemas"]["Reference"] & {
            /** @description The user entered name of the Addon. */
            name?: string;
            /**
             * Format: url
             * @description The URL source of the Addon
             */
            src?: string;
            /** @enum {string} */
            type?: "full_page_addon_reference" | "incident_show_addon_reference";
        };
        AgentReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "user_reference" | "service_reference" | "integration_reference";
        };
        AlertCount: {
            /** @description The total count of alerts grouped into this incident */
            all?: number;
            /** @description The count of resolved alerts grouped into this incident */
            resolved?: number;
            /** @description The count of triggered alerts grouped into this incident */
            triggered?: number;
        };
        /**
         * Alert Grouping Parameters
         * @deprecated
         * @description Defines how alerts on this service will be automatically grouped into incidents. Note that the alert grouping features are available only on certain plans. To turn grouping off set the type to null.
         *     This attribute has been deprecated and configuration via [Alert Grouping Settings](https://developer.pagerduty.com/api-reference/587edbc8ff416-create-an-alert-grouping-setting) resource is encouraged.
         */
        AlertGroupingParameters: {
            config?: components["schemas"]["FlexibleTimeWindowIntelligentAlertGroupingConfig"] | components["schemas"]["TimeBasedAlertGroupingConfiguration"] | components["schemas"]["ContentBasedAlertGroupingConfiguration"];
            /** @enum {string|null} */
            type?: "time" | "intelligent" | "content_based" | null;
        };
        Assignment: {
            assignee: components["schemas"]["UserReference"] | components["schemas"]["User"];
            /**
             * Format: date-time
             * @description Time at which the assignment was created.
             */
            at: string;
        };
        /**
         * AutoPauseNotificationsParameters
         * @description Defines how alerts on this service are automatically suspended for a period of time before triggering, when identified as likely being transient. Note that automatically pausing notifications is only available on certain plans.
         * @example {
         *       "enabled": true,
         *       "timeout": 300
         *     }
         */
        AutoPauseNotificationsParameters: {
            /**
             * @description Indicates whether alerts should be automatically suspended when identified as transient
             * @default false
             */
            enabled: boolean;
            /**
             * @description The recommended timeout setting for this service based on prior alert patterns.
             * @enum {integer}
             */
            recommended_timeout?: 120 | 180 | 300 | 600 | 900;
            /**
             * @description Indicates in seconds how long alerts should be suspended before triggering. To automatically select the recommended timeout for a service, set this value to `0`.
             * @enum {integer}
             */
            timeout?: 0 | 120 | 180 | 300 | 600 | 900;
        };
        /** @description Polymorphic object representation of the means by which the action was channeled. Has different formats depending on type, indicated by channel[type]. Will be one of `auto`, `email`, `api`, `nagios`, or `timeout` if `agent[type]` is `service`. Will be one of `email`, `sms`, `website`, `web_trigger`, or `note` if `agent[type]` is `user`. */
        Channel: {
            /** @description Changeset present in CustomFieldsValueChange and FieldValueChange log entries. */
            changeset?: {
                /** @description Application Fields present in CustomFieldsValueChange and FieldValueChange log entries. */
                application_fields?: {
                    /** @example PIJ90N7 */
                    id?: string;
                    /** @example service */
                    name?: string;
                    /** @example incidents */
                    namespace?: string;
                    /** @example null */
                    old_value?: string | null;
                    value?: string | number | string[];
                }[];
                /** @description Custom attributes for the changeset. */
                custom_attributes?: {
                    [key: string]: string;
                };
                /** @description Customer Fields present in CustomFieldsValueChange and FieldValueChange log entries. */
                customer_fields?: {
                    /** @example PDB5RLI */
                    id?: string;
                    /** @example serial_number_hardware */
                    name?: string;
                    /** @example incidents */
                    namespace?: string;
                    /** @example null */
                    old_value?: string | null;
                    value?: number | string[];
                }[];
                customer_schema?: {
                    /** @example null */
                    old_value?: string | null;
                };
            };
            /** @description channel */
            channel?: Record<string, never>;
            notification?: components["schemas"]["Notification"];
            team?: Record<string, never>;
            /** @description type */
            type: string;
            user?: Record<string, never>;
        } & ({
            /** @description Additional details of the incident */
            details?: Record<string, never>;
            /** @description Nagios host */
            host?: string;
            /** @description Nagios service that created the event, if applicable */
            service?: string;
            /** @description State that caused the event */
            state?: string;
            /** @description Same as `host` */
            summary?: string;
            /** @description Will be `nagios` */
            type?: string;
        } | {
            /** @description Description of the event */
            description?: string;
            /** @description Additional details of the incident */
            details?: Record<string, never>;
            /** @description Incident deduping string */
            incident_key?: string;
            /** @description API service key */
            service_key?: string;
            /** @description Same as `description` */
            summary?: string;
            /** @description Will be `api` */
            type?: string;
        } | {
            /** @description Body of the email */
            body?: string;
            /** @description Content type of the email body. Will be `text/plain` or `text/html` */
            body_content_type?: string;
            /** @description From address of the email */
            from?: string;
            /** @description URL for html rendered version of the email. Only present if `content_type` is `text/html` */
            html_url?: string;
            /** @description URL for raw text of email */
            raw_url?: string;
            /** @description Subject of the email */
            subject?: string;
            /** @description Same as `subject` */
            summary?: string;
            /** @description To address of the email */
            to?: string;
            /** @description Will be `email` */
            type?: string;
        } | {
            /** @description Details about the web trigger */
            details?: string;
            /** @description Subject of the web trigger */
            subject?: string;
            /** @description Same as `subject` */
            summary?: string;
            /** @description Will be `web_trigger` */
            type?: string;
        } | {
            /** @description For `snooze` log entries, this is the number of seconds that the incident was snoozed for. */
            duration?: number;
            /** @description Will be `website` */
            type: string;
        });
        ConferenceBridge: {
            /** @description The phone number of the conference call for the conference bridge. Phone numbers should be formatted like +1 415-555-1212,,,,1234#, where a comma (,) represents a one-second wait and pound (#) completes access code input. */
            conference_number?: string;
            /**
             * Format: url
             * @description An URL for the conference bridge. This could be a link to a web conference or Slack channel.
             */
            conference_url?: string;
        };
        /** @description Generic error response from the PagerDuty API */
        Conflict_content_application_json_schema: {
            /**
             * @example {
             *       "message": "Not Found",
             *       "code": 2100
             *     }
             */
            error?: {
                readonly code?: number;
                readonly errors?: string[];
                /** @description Error message string */
                readonly message?: string;
            };
        };
        ContactMethodReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "email_contact_method_reference" | "phone_contact_method_reference" | "push_notification_contact_method_reference" | "sms_contact_method_reference" | "whatsapp_contact_method_reference";
        };
        /**
         * Content Only Grouping
         * @description The configuration for Content Based Alert Grouping
         */
        ContentBasedAlertGroupingConfiguration: {
            /**
             * @description Whether Alerts should be grouped if `all` or `any` specified fields match. If `all` is selected, an exact match on every specified field name must occur for Alerts to be grouped. If `any` is selected, Alerts will be grouped when there is an exact match on at least one of the specified fields.
             * @enum {string}
             */
            aggregate?: "all, any";
            /** @description An array of strings which represent the fields with which to group against. Depending on the aggregate, Alerts will group if some or all the fields match. */
            fields?: string[];
            /** @description In order to ensure your Service has the optimal grouping window, we use data science to calculate your Service's average Alert inter-arrival time. We encourage customers to use this value. Please set `time_window` to 0 to use the `recommended_time_window`. */
            readonly recommended_time_window?: number;
            /** @description The maximum amount of time allowed between Alerts. Any Alerts arriving greater than `time_window` seconds apart will not be grouped together. This is a rolling time window up to 24 hours and is counted from the most recently grouped alert. The window is extended every time a new alert is added to the group, up to 24 hours (24 hours only applies to single-service settings). To use the "recommended_time_window," set the value to 0, otherwise the value must be between 300 <= time_window <= 3600 or 86400(i.e. 24 hours). */
            time_window?: number;
        };
        Context: {
            /** @description The link's target url */
            href?: string;
            /** @description The image's source url */
            src?: string;
            /** @description The alternate display for an image */
            text?: string;
            /**
             * @description The type of context being attached to the incident.
             * @enum {string}
             */
            type: "link" | "image";
        };
        CursorPagination: {
            /** @description The minimum of the `limit` parameter used in the request or the maximum request size of the API. */
            readonly limit: number;
            /**
             * @description An opaque string than will deliver the next set of results when provided as the `cursor` parameter in a subsequent request.  A `null` value for this field indicates that there are no additional results.
             * @example dXNlcjaVMzc5V0ZYTlo=
             */
            readonly next_cursor: string | null;
        };
        EscalationPolicy: components["schemas"]["Tag_allOf_0"] & {
            /** @description Escalation policy description. */
            description?: string;
            escalation_rules: components["schemas"]["EscalationRule"][];
            /** @description The name of the escalation policy. */
            name: string;
            /**
             * @description The number of times the escalation policy will repeat after reaching the end of its escalation.
             * @default 0
             */
            num_loops: number;
            /**
             * @description Determines how on call handoff notifications will be sent for users on the escalation policy. Defaults to "if_has_services".
             * @enum {string}
             */
            on_call_handoff_notifications?: "if_has_services" | "always";
            readonly services?: components["schemas"]["ServiceReference"][];
            /** @description Team associated with the policy. Account must have the `teams` ability to use this parameter. Only one team may be associated with the policy. */
            teams?: components["schemas"]["TeamReference"][];
            /**
             * @description The type of object being created.
             * @default escalation_policy
             * @enum {string}
             */
            type: "escalation_policy";
        };
        EscalationPolicyReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "escalation_policy_reference";
        };
        /**
         * @example {
         *       "escalation_delay_in_minutes": 30,
         *       "targets": [
         *         {
         *           "id": "PAM4FGS",
         *           "type": "user_reference"
         *         },
         *         {
         *           "id": "PI7DH85",
         *           "type": "schedule_reference"
         *         }
         *       ]
         *     }
         */
        EscalationRule: {
            /** @description The number of minutes before an unacknowledged incident escalates away from this rule. */
            escalation_delay_in_minutes: number;
            /**
             * @description The strategy used to assign the escalation rule to an incident.
             * @enum {string}
             */
            escalation_rule_assignment_strategy?: "round_robin" | "assign_to_everyone";
            readonly id?: string;
            /** @description The targets an incident should be assigned to upon reaching this rule. */
            targets: components["schemas"]["EscalationTargetReference"][];
        };
        EscalationTargetReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "user" | "schedule" | "user_reference" | "schedule_reference" | "schedule_v3_reference";
        };
        /**
         * Intelligent Alert Grouping
         * @description The configuration for Intelligent Alert Grouping. Note that this configuration is only available for certain plans.
         */
        FlexibleTimeWindowIntelligentAlertGroupingConfig: {
            /** @description In order to ensure your Service has the optimal grouping window, we use data science to calculate your Service's average Alert inter-arrival time. We encourage customers to use this value. Please set `time_window` to 0 to use the `recommended_time_window`. */
            readonly recommended_time_window?: number;
            /** @description The maximum amount of time allowed between Alerts. Any Alerts arriving greater than `time_window` seconds apart will not be grouped together. This is a rolling time window and is counted from the most recently grouped alert. The window is extended every time a new alert is added to the group, up to 24 hours. To use the "recommended_time_window," set the value to 0, otherwise the value must be between 300 and 3600. */
            time_window?: number;
        };
        Incident: components["schemas"]["Tag_allOf_0"] & {
            /** @description List of all acknowledgements for this incident. This list will be empty if the `Incident.status` is `resolved` or `triggered`. If the `include[]=acknowledgers` query parameter is provided, the full user or service definitions will be returned for each acknowledgement entry. */
            acknowledgements?: components["schemas"]["Acknowledgement"][];
            alert_counts?: components["schemas"]["AlertCount"];
            /** @description Describes the alert grouping state of this incident. Will be null if the incident has no alerts. */
            alert_grouping?: {
                alert_grouping_active?: boolean;
                /** Format: date-time */
                ended_at?: string;
                /** @enum {string} */
                grouping_type?: "basic" | "advanced" | "rules";
                /** Format: date-time */
                started_at?: string;
            };
            /**
             * @description How the current incident assignments were decided.  Note that `direct_assignment` incidents will not escalate up the attached `escalation_policy`
             * @enum {string}
             */
            readonly assigned_via?: "escalation_policy" | "direct_assignment";
            /** @description List of all assignments for this incident. This list will be empty if the `Incident.status` is `resolved`. Returns a user reference for each assignment. Full user definitions will be returned if the `include[]=assignees` query parameter is provided. */
            assignments?: components["schemas"]["Assignment"][];
            /** @description The additional incident body details. Only returned if the `include[]=body` query parameter is provided. */
            body?: components["schemas"]["IncidentBody"];
            /** @description The conference bridge information attached to the incident. Only returned if the `include[]=conference_bridge` query parameter is provided. */
            conference_bridge?: components["schemas"]["ConferenceBridge"];
            /**
             * Format: date-time
             * @description The time the incident was first triggered.
             * @example 2019-12-01T20:00:00Z
             */
            readonly created_at?: string;
            /** @description The escalation policy attached to the service that the incident is on. If the `include[]=escalation_policies` query parameter is provided, the full escalation policy definition will be returned. */
            escalation_policy?: components["schemas"]["EscalationPolicyReference"] | components["schemas"]["EscalationPolicy"];
            /** @description The first log entry on the incident. The log entry will be of type `TriggerLogEntry` and will represent information about how the incident was triggered. If the `include[]=first_trigger_log_entries` query parameter is provided, the full log entry definition will be returned. */
            first_trigger_log_entry?: components["schemas"]["LogEntryReference"] | components["schemas"]["TriggerLogEntry"];
            /** @description The incident's de-duplication key. */
            readonly incident_key?: string;
            /** @description The number of the incident. This is unique across your account. */
            readonly incident_number?: number;
            /** @description The incident type of the incident. */
            incident_type?: {
                /** @description The name of the Incident Type. */
                name?: string;
            };
            /** @description The responders on the incident. Only returned if the account has access to the [responder requests](https://support.pagerduty.com/docs/add-responders) feature. */
            readonly incidents_responders?: components["schemas"]["IncidentsRespondersReference"][];
            /** @description Whether the incident is mergeable. Only incidents that have alerts, or that are manually created can be merged. */
            readonly is_mergeable?: boolean;
            /**
             * Format: date-time
             * @description The time the status of the incident last changed. If the incident is not currently acknowledged or resolved, this will be the incident's `updated_at`.
             * @example 2019-12-01T21:01:00Z
             */
            readonly last_status_change_at?: string;
            /** @description The entity that last changed the status of the incident. If the `include[]=agents` query parameter is provided, the full user/service/integration definition will be returned. */
            last_status_change_by?: components["schemas"]["AgentReference"] | components["schemas"]["User"] | components["schemas"]["Service"];
            /** @description The list of pending_actions on the incident. A pending_action object contains a type of action which can be escalate, unacknowledge, resolve or urgency_change. A pending_action object contains at, the time at which the action will take place. An urgency_change pending_action will contain to, the urgency that the incident will change to. */
            readonly pending_actions?: components["schemas"]["IncidentAction"][];
            priority?: components["schemas"]["Priority"];
            resolve_reason?: components["schemas"]["ResolveReason"];
            /**
             * Format: date-time
             * @description The time the incident became "resolved" or `null` if the incident is not resolved.
             * @example 2019-12-01T21:01:00Z
             */
            resolved_at?: string;
            /** @description Previous responder requests made on this incident. Only returned if the account has access to the [responder requests](https://support.pagerduty.com/docs/add-responders) feature. */
            readonly responder_requests?: components["schemas"]["ResponderRequest"][];
            /** @description The service the incident is on. If the `include[]=services` query parameter is provided, the full service definition will be returned. */
            service?: components["schemas"]["ServiceReference"] | components["schemas"]["Service"];
            /**
             * @description The current status of the incident.
             * @enum {string}
             */
            status?: "triggered" | "acknowledged" | "resolved";
            /** @description The teams involved in the incident’s lifecycle. If the `include[]=teams` query parameter is provided, the full team definitions will be returned. */
            teams?: (components["schemas"]["TeamReference"] | components["schemas"]["Team"])[];
            /** @description A succinct description of the nature, symptoms, cause, or effect of the incident. */
            title?: string;
            /**
             * Format: date-time
             * @description The time the incident was last modified.
             * @example 2019-12-01T21:02:00Z
             */
            updated_at?: string;
            /**
             * @description The current urgency of the incident.
             * @enum {string}
             */
            urgency?: "high" | "low";
        };
        /** @description An incident action is a pending change to an incident that will automatically happen at some future time. */
        IncidentAction: {
            /** Format: date-time */
            at: string;
            /**
             * @description The urgency that the incident will change to. This field is only present when the type is `urgency_change`.
             * @enum {string}
             */
            to?: "high";
            /** @enum {string} */
            type: "unacknowledge" | "escalate" | "resolve" | "urgency_change";
        };
        IncidentBody: {
            /** @description Additional incident details. */
            details?: Record<string, never>;
        };
        /**
         * @example {
         *       "content": "Firefighters are on the scene."
         *     }
         */
        IncidentNote: {
            /** @description The means by which this Note was created. Has different formats depending on type. */
            readonly channel?: {
                /**
                 * Format: url
                 * @description a URL at which the entity is uniquely displayed in the Web app
                 */
                readonly html_url?: string;
                readonly id?: string;
                /**
                 * Format: url
                 * @description The API show URL at which the object is accessible
                 */
                readonly self?: string;
                /** @description A string describing the source of the Note. */
                readonly summary: string;
                /** @description A string that determines the schema of the object */
                readonly type?: string;
            };
            /** @description The note content */
            content: string;
            /**
             * Format: date-time
             * @description The time at which the note was submitted
             */
            readonly created_at?: string;
            readonly id?: string;
            /**
             * Format: date-time
             * @description The time at which the note was last updated
             */
            readonly updated_at?: string;
            user?: components["schemas"]["Reference"] & {
                /** @enum {string} */
                type?: "user_reference" | "bot_user_reference";
            };
        };
        IncidentReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "incident_reference";
        };
        IncidentsRespondersReference: {
            /** @description Names of escalation policies that this responder was requested through, if applicable */
            escalation_policy_requests?: string[];
            incident?: components["schemas"]["IncidentReference"];
            /** @description The message sent with the responder request */
            message?: string;
            requested_at?: string;
            requester?: components["schemas"]["UserReference"];
            /**
             * @description The status of the responder being added to the incident
             * @example pending
             * @enum {string}
             */
            state?: "pending" | "joined" | "declined" | "user_cancelled";
            updated_at?: string;
            user?: components["schemas"]["UserReference"];
        };
        IncidentTypeReference: {
            readonly id?: string;
            /** @description The name of the Incident Type. */
            name?: string;
        };
        IncidentUrgencyRule: components["schemas"]["IncidentUrgencyType"] & {
            during_support_hours?: components["schemas"]["IncidentUrgencyType"];
            outside_support_hours?: components["schemas"]["IncidentUrgencyType"];
        };
        IncidentUrgencyType: {
            /**
             * @description The type of incident urgency: whether it's constant, or it's dependent on the support hours.
             * @default constant
             * @enum {string}
             */
            type: "constant" | "use_support_hours";
            /**
             * @description The incidents' urgency, if type is constant.
             * @default high
             * @enum {string}
             */
            urgency: "low" | "high" | "severity_based";
        };
        IncidentWorkflow: components["schemas"]["Tag_allOf_0"] & {
            /**
             * Format: date-time
             * @description The timestamp this Incident Workflow was created
             */
            readonly created_at?: string;
            /** @description A description of what the Incident Workflow does */
            description?: string;
            /**
             * @description Indicates whether the Incident Workflow is enabled or not. Disabled workflows will not be triggered, and
             *     will not count toward the account's enabled workflow limit.
             * @default true
             */
            is_enabled: boolean;
            /** @description A descriptive name for the Incident Workflow */
            name?: string;
            /** @description The ordered list of steps that execute sequentially as part of the workflow */
            steps?: (components["schemas"]["Tag_allOf_0"] & {
                /** @description Configuration of automated action executed by this Step */
                action_configuration: {
                    /** @description The identifier of the Action to execute */
                    action_id: string;
                    /** @description Description of the Action */
                    readonly description?: string;
                    /** @description An unordered list of specialized inputs used to configure a workflow-within-a-workflow */
                    inline_steps_inputs?: {
                        /** @description The name for this Input. Input names are unique per action and should be used to find a specific Input. */
                        name: string;
                        /** @description The configured value of the Inline Steps Input */
                        value: {
                            steps?: (components["schemas"]["Tag_allOf_0"] & {
                                /** @description Configuration of automated action executed by this Step */
                                action_configuration: {
                                    /** @description The identifier of the Action to execute */
                                    action_id: string;
                                    /** @description Description of the Action */
                                    readonly description?: string;
                                    /** @description An unordered list of standard inputs used to configure the Action to execute */
                                    inputs: {
                                        /** @description The name for this Input. Input names are unique per action and should be used to find a specific Input. */
                                        name: string;
                                        /** @description The data type of this Input */
                                        readonly parameter_type?: string;
                                        /** @description The configured value of the Input */
                                        value: string;
                                    }[];
                                    /** @description An unordered list of outputs this action produces */
                                    readonly outputs?: {
                                        /** @description The name for this Output. Output names are unique per action and should be used to find a specific Output. */
                                        readonly name: string;
                                        /** @description The data type produced by this Output */
                                        readonly parameter_type?: string;
                                        /** @description The reference name of the Output */
                                        readonly reference_name?: string;
                                    }[];
                                };
                                /** @description A descriptive name for the Step */
                                name: string;
                                /** @enum {string} */
                                type?: "step";
                            })[];
                        };
                    }[];
                    /** @description An unordered list of standard inputs used to configure the Action to execute */
                    inputs: {
                        /** @description The name for this Input. Input names are unique per action and should be used to find a specific Input. */
                        name: string;
                        /** @description The data type of this Input */
                        readonly parameter_type?: string;
                        /** @description The configured value of the Input */
                        value: string;
                    }[];
                    /** @description An unordered list of outputs this action produces */
                    readonly outputs?: {
                        /** @description The name for this Output. Output names are unique per action and should be used to find a specific Output. */
                        readonly name: string;
                        /** @description The data type produced by this Output */
                        readonly parameter_type?: string;
                        /** @description The reference name of the Output */
                        readonly reference_name?: string;
                    }[];
                };
                /** @description A description of the action performed by the Step */
                readonly description?: string;
                /** @description A descriptive name for the Step */
                name: string;
                /** @enum {string} */
                type?: "step";
            })[];
            /** @description If specified then workflow edit permissions will be scoped to members of this team */
            team?: {
                /** @description Unique identifier for the resource */
                readonly id?: string;
                /**
                 * @description Type of the referenced object
                 * @enum {string}
                 */
                readonly type?: "team_reference";
            };
            /** @enum {string} */
            type?: "incident_workflow";
        };
        IncidentWorkflowInstance: {
            readonly id?: string;
            incident?: components["schemas"]["Reference"];
            /**
             * @description A string that determines the schema of the object. This must be the standard name for the entity, suffixed by `_reference` if the object is a reference.
             * @enum {string}
             */
            readonly type?: "incident_workflow_instance";
        };
        IncidentWorkflowTrigger: components["schemas"]["Tag_allOf_0"] & {
            /**
             * @description A PCL condition string.
             *
             *     If specified, the trigger will execute when the condition is met on an incident.
             *
             *     If unspecified, the trigger will execute on incident creation.
             *
             *     Required if trigger_type is “conditional”, not allowed for other trigger types.
             */
            condition?: string;
            /** @description An optional array of Incident Types associated with the trigger when it is of type `incident_type`. */
            incident_types?: string[];
            /**
             * @deprecated
             * @description Indicates whether the Trigger is disabled or not. Inherited from the "is_enabled" property on the workflow
             *     to which this trigger belongs. This attribute is deprecated, and will be removed in a future version of
             *     this API.
             */
            is_disabled?: boolean;
            /** @description Indicates that the Trigger should be associated with All Services */
            is_subscribed_to_all_services?: boolean;
            /** @description An object detailing who can start this Trigger. Applicable only to manual Triggers. */
            permissions?: {
                /** @description If true, indicates that the Trigger can only be started by authorized Users. If false, any user can start this Trigger. Applicable only to manual Triggers. */
                restricted?: boolean;
                /** @description The ID of the team whose members can manually start this Trigger. Required and allowed if and only if permissions.restricted is true. */
                team_id?: string;
            };
            /** @description An optional array of Services associated with this workflow. Incidents in any of the listed Services are eligible to fire this Trigger */
            services?: {
                /**
                 * Format: url
                 * @description a URL at which the entity is uniquely displayed in the Web app
                 */
                html_url?: string | null;
                id?: string;
                /**
                 * Format: url
                 * @description the API show URL at which the object is accessible
                 */
                self?: string | null;
                /** @description A short-form, server-generated string that provides succinct, important information about an object suitable for primary labeling of an entity in a client. In many cases, this will be identical to `name`, though it is not intended to be an identifier. */
                summary?: string | null;
                /**
                 * @description A string that determines the schema of the object. This must be the standard name for the entity, suffixed by `_reference` if the object is a reference.
                 * @enum {string}
                 */
                type?: "service";
            }[];
            /** @enum {string} */
            trigger_type?: "conditional" | "manual" | "incident_type";
            /** @description Human readable name for the trigger type */
            trigger_type_name?: string;
            /** Format: url */
            trigger_url?: string;
            /** @enum {string} */
            type?: "workflow_trigger";
            /** @description Workflow to start when this trigger is invoked */
            workflow?: {
                /**
                 * Format: url
                 * @description a URL at which the entity is uniquely displayed in the Web app
                 */
                html_url?: string | null;
                id?: string;
                /** @description A descriptive name for the Incident Workflow */
                name?: string;
                /**
                 * Format: url
                 * @description the API show URL at which the object is accessible
                 */
                self?: string | null;
                /**
                 * @description A string that determines the schema of the object. This must be the standard name for the entity, suffixed by `_reference` if the object is a reference.
                 * @enum {string}
                 */
                type?: "workflow_reference";
            };
        };
        IntegrationReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "aws_cloudwatch_inbound_integration_reference" | "cloudkick_inbound_integration_reference" | "event_transformer_api_inbound_integration_reference" | "generic_email_inbound_integration_reference" | "generic_events_api_inbound_integration_reference" | "keynote_inbound_integration_reference" | "nagios_inbound_integration_reference" | "pingdom_inbound_integration_reference" | "sql_monitor_inbound_integration_reference" | "events_api_v2_inbound_integration_reference" | "inbound_integration_reference";
        };
        LicenseReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "license_reference";
        };
        LogEntry: components["schemas"]["Tag_allOf_0"] & {
            agent?: components["schemas"]["AgentReference"];
            /**
             * @description String record of custom field updates
             * @example [
             *       "Updated serial_number to 123",
             *       "Updated affected_room to [\"Queen West\"]"
             *     ]
             */
            changeset?: string[];
            channel?: components["schemas"]["Channel"];
            /** @description Contexts to be included with the trigger such as links to graphs or images. */
            readonly contexts?: components["schemas"]["Context"][];
            /**
             * Format: date-time
             * @description Time at which the log entry was created.
             */
            readonly created_at?: string;
            readonly event_details?: {
                /** @description Additional details about the event. */
                description?: string;
            };
            incident?: components["schemas"]["IncidentReference"];
            /** @description Optional field containing a note, if one was included with the log entry. */
            readonly note?: string;
            service?: components["schemas"]["ServiceReference"];
            /** @description Will consist of references unless included */
            readonly teams?: components["schemas"]["TeamReference"][];
            /** @enum {string} */
            type?: "acknowledge_log_entry" | "annotate_log_entry" | "assign_log_entry" | "delegate_log_entry" | "escalate_log_entry" | "exhaust_escalation_path_log_entry" | "notify_log_entry" | "reach_ack_limit_log_entry" | "reach_trigger_limit_log_entry" | "repeat_escalation_path_log_entry" | "resolve_log_entry" | "snooze_log_entry" | "trigger_log_entry" | "unacknowledge_log_entry" | "urgency_change_log_entry" | "field_value_change_log_entry" | "custom_field_value_change_log_entry";
        };
        LogEntryReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "acknowledge_log_entry_reference" | "annotate_log_entry_reference" | "assign_log_entry_reference" | "escalate_log_entry_reference" | "exhaust_escalation_path_log_entry_reference" | "notify_log_entry_reference" | "reach_trigger_limit_log_entry_reference" | "repeat_escalation_path_log_entry_reference" | "resolve_log_entry_reference" | "snooze_log_entry_reference" | "trigger_log_entry_reference" | "unacknowledge_log_entry_reference";
        };
        Notification: {
            ""?: string;
            /** @description The address where the notification was sent. This will be null for notification type `push_notification`. */
            readonly address?: string;
            /** @description The address of the conference bridge */
            conferenceAddress?: string;
            readonly id?: string;
            /**
             * Format: date-time
             * @description The time at which the notification was sent
             */
            readonly started_at?: string;
            status?: string;
            /**
             * @description The type of notification.
             * @enum {string}
             */
            readonly type?: "sms_notification" | "email_notification" | "phone_notification" | "push_notification";
            user?: components["schemas"]["UserReference"];
        };
        NotificationRuleReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "assignment_notification_rule_reference";
        };
        /**
         * @example {
         *       "user": {
         *         "id": "PT23IWX",
         *         "type": "user_reference",
         *         "summary": "Tim Wright",
         *         "self": "https://api.pagerduty.com/users/PT23IWX",
         *         "html_url": "https://subdomain.pagerduty.com/users/PT23IWX"
         *       },
         *       "schedule": {
         *         "id": "PI7DH85",
         *         "type": "schedule_reference",
         *         "summary": "Daily Engineering Rotation",
         *         "self": "https://api.pagerduty.com/schedules/PI7DH85",
         *         "html_url": "https://subdomain.pagerduty.com/schedules/PI7DH85"
         *       },
         *       "escalation_policy": {
         *         "id": "PT20YPA",
         *         "type": "escalation_policy_reference",
         *         "summary": "Engineering Escalation Policy",
         *         "self": "https://api.pagerduty.com/escalation_policies/PT20YPA",
         *         "html_url": "https://subdomain.pagerduty.com/escalation_policies/PT20YPA"
         *       },
         *       "escalation_level": 2,
         *       "start": "2015-03-06T15:28:51-05:00",
         *       "end": "2015-03-07T15:28:51-05:00"
         *     }
         */
        Oncall: {
            /**
             * Format: date-time
             * @description The end of the on-call. If `null`, the user does not go off-call.
             */
            readonly end?: string;
            /** @description The escalation level for the on-call. */
            readonly escalation_level?: number;
            escalation_policy?: components["schemas"]["EscalationPolicyReference"];
            /** @description The schedule from which this on-call originates. May be a legacy schedule reference or a v3 schedule reference. */
            schedule?: components["schemas"]["ScheduleReference"] | components["schemas"]["V3ScheduleReference"];
            /**
             * Format: date-time
             * @description The start of the on-call. If `null`, the on-call is a permanent user on-call.
             */
            readonly start?: string;
            user?: components["schemas"]["UserReference"];
        };
        Pagination: {
            /** @description Echoes limit pagination property. */
            readonly limit?: number;
            /** @description Indicates if there are additional records to return */
            readonly more?: boolean;
            /** @description Echoes offset pagination property. */
            readonly offset?: number;
            /** @description The total number of records matching the given query. */
            readonly total?: number | null;
        };
        Priority: components["schemas"]["Tag_allOf_0"] & {
            /** @description The user-provided description of the priority. */
            description?: string;
            /** @description The user-provided short name of the priority. */
            name?: string;
        };
        PriorityReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "priority_reference";
        };
        Reference: components["schemas"]["Tag_allOf_0"] & Record<string, never>;
        ResolveReason: {
            incident?: components["schemas"]["IncidentReference"];
            /**
             * @description The reason the incident was resolved. The only reason currently supported is merge.
             * @default merge_resolve_reason
             * @enum {string}
             */
            type: "merge_resolve_reason";
        };
        ResponderRequest: {
            /** @description The ID of the responder request */
            id?: string;
            incident?: components["schemas"]["IncidentReference"];
            /** @description The message sent with the responder request */
            message?: string;
            /** @description The time the request was made */
            requested_at?: string;
            requester?: components["schemas"]["UserReference"];
            /** @description The array of targets the responder request is being sent to */
            responder_request_targets?: components["schemas"]["ResponderRequestTargetReference"][];
        };
        ResponderRequestTargetReference: {
            /** @description The id of the user or escalation policy */
            id?: string;
            /** @description An array of responders associated with the specified incident */
            incident_responders?: components["schemas"]["IncidentsRespondersReference"][];
            summary?: string;
            /** @description The type of target (either a user or an escalation policy) */
            type?: string;
        };
        Restriction: {
            /** @description The duration of the restriction in seconds. */
            duration_seconds: number;
            /** @description Only required for use with a `weekly_restriction` restriction type. The first day of the weekly rotation schedule as [ISO 8601 day](https://en.wikipedia.org/wiki/ISO_week_date) (1 is Monday, etc.) */
            start_day_of_week?: number;
            /**
             * Format: partial-time
             * @description The start time in HH:mm:ss format.
             */
            start_time_of_day: string;
            /**
             * @description Specify the types of `restriction`.
             * @enum {string}
             */
            type: "daily_restriction" | "weekly_restriction";
        };
        Schedule: components["schemas"]["Tag_allOf_0"] & {
            /** @description The description of the schedule */
            description?: string;
            /** @description An array of all of the escalation policies that uses this schedule. */
            readonly escalation_policies?: components["schemas"]["EscalationPolicyReference"][];
            final_schedule?: components["schemas"]["SubSchedule"];
            /** @description The name of the schedule */
            name?: string;
            next_oncall_for_user?: {
                /** @description The end date for the User shift */
                readonly end?: string;
                /** @description The start date for the User shift */
                readonly start?: string;
                user?: components["schemas"]["Reference"];
            };
            overrides_subschedule?: components["schemas"]["SubSchedule"];
            /** @description A list of schedule layers. */
            schedule_layers?: components["schemas"]["ScheduleLayer"][];
            /** @description An array of all of the teams on the schedule. */
            readonly teams?: components["schemas"]["TeamReference"][];
            /**
             * Format: activesupport-time-zone
             * @description The time zone of the schedule.
             */
            time_zone: string;
            /**
             * @description The type of object being created.
             * @default schedule
             * @enum {string}
             */
            type: "schedule";
            /** @description An array of all of the users on the schedule. */
            readonly users?: components["schemas"]["UserReference"][];
        };
        ScheduledAction: {
            /** @description Represents when scheduled action will occur. */
            at: {
                /**
                 * @description Designates either the start or the end of support hours.
                 * @enum {string}
                 */
                name: "support_hours_start" | "support_hours_end";
                /**
                 * @description Must be set to named_time.
                 * @enum {string}
                 */
                type: "named_time";
            };
            /**
             * @description Urgency level. Must be set to high.
             * @enum {string}
             */
            to_urgency: "high";
            /**
             * @description The type of schedule action. Must be set to urgency_change.
             * @enum {string}
             */
            type: "urgency_change";
        };
        ScheduleLayer: {
            /**
             * Format: date-time
             * @description The end time of this layer. If `null`, the layer does not end.
             */
            end?: string;
            id?: string;
            /** @description The name of the schedule layer. */
            name?: string;
            /** @description The percentage of the time range covered by this layer. Returns null unless since or until are set. */
            readonly rendered_coverage_percentage?: number;
            /** @description This is a list of entries on the computed layer for the current time range. Since or until must be set in order for this field to be populated. */
            readonly rendered_schedule_entries?: components["schemas"]["ScheduleLayerEntry"][];
            /** @description An array of restrictions for the layer. A restriction is a limit on which period of the day or week the schedule layer can accept assignments. Restrictions respect the `time_zone` parameter of the request. */
            restrictions?: components["schemas"]["Restriction"][];
            /** @description The duration of each on-call shift in seconds. */
            rotation_turn_length_seconds: number;
            /**
             * Format: date-time
             * @description The effective start time of the layer. This can be before the start time of the schedule.
             */
            rotation_virtual_start: string;
            /**
             * Format: date-time
             * @description The start time of this layer.
             */
            start: string;
            /** @description The ordered list of users on this layer. The position of the user on the list determines their order in the layer. */
            users: components["schemas"]["ScheduleLayerUser"][];
        };
        ScheduleLayerEntry: {
            /**
             * Format: date-time
             * @description The end time of this entry. If null, the entry does not end.
             */
            readonly end: string;
            /**
             * Format: date-time
             * @description The start time of this entry.
             */
            readonly start: string;
            user?: components["schemas"]["UserReference"];
        };
        ScheduleLayerUser: {
            user: components["schemas"]["UserReference"];
        };
        ScheduleReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "schedule_reference";
        };
        Service: components["schemas"]["Tag_allOf_0"] & {
            /**
             * @description Time in seconds that an incident changes to the Triggered State after being Acknowledged. Value is `null` if the feature is disabled. Value must not be negative. Setting this field to `0`, `null` (or unset in POST request) will disable the feature.
             * @default 1800
             */
            acknowledgement_timeout: number;
            /** @description The array of Add-ons associated with this service. */
            readonly addons?: components["schemas"]["AddonReference"][];
            /**
             * @deprecated
             * @description Whether a service creates only incidents, or both alerts and incidents. A service must create alerts in order to enable incident merging.
             *     * "create_incidents" - The service will create one incident and zero alerts for each incoming event.
             *     * "create_alerts_and_incidents" - The service will create one incident and one associated alert for each incoming event.
             *     This attribute has been deprecated as all services will be migrated to use alerts and incidents. Afterward, the incident only service setting will no longer be available. For details, please refer to the knowledge base: https://support.pagerduty.com/docs/alerts#enable-and-disable-alerts-on-a-service.
             * @default create_alerts_and_incidents
             * @enum {string}
             */
            alert_creation: "create_incidents" | "create_alerts_and_incidents";
            /**
             * @deprecated
             * @description Defines how alerts on this service will be automatically grouped into incidents. Note that the alert grouping features are available only on certain plans. There are three available options:
             *     * null - No alert grouping on the service. Each alert will create a separate incident;
             *     * "time" - All alerts within a specified duration will be grouped into the same incident. This duration is set in the `alert_grouping_timeout` setting (described below). Available on Standard, Enterprise, and Event Intelligence plans;
             *     * "intelligent" - Alerts will be intelligently grouped based on a machine learning model that looks at the alert summary, timing, and the history of grouped alerts. Available on Enterprise and Event Intelligence plans
             *
             *     This attribute has been deprecated and configuration via [Alert Grouping Settings](https://developer.pagerduty.com/api-reference/587edbc8ff416-create-an-alert-grouping-setting) resource is encouraged.
             * @enum {string}
             */
            alert_grouping?: "time" | "intelligent";
            /**
             * @deprecated
             * @description Alert Grouping Parameters
             */
            alert_grouping_parameters?: components["schemas"]["AlertGroupingParameters"] | {
                /** @description link to the ui page to edit the setting */
                readonly html_url?: string;
                /** @description id of the related alert grouping setting */
                readonly id?: string;
                /** @description link to api endpoint for this setting */
                readonly self?: string;
                /** @description an explanation of this reference */
                readonly summary?: string;
                /** @description type of reference eg. alert_grouping_setting_reference */
                readonly type?: string;
            };
            /**
             * @deprecated
             * @description The duration in minutes within which to automatically group incoming alerts. This setting applies only when `alert_grouping` is set to `time`. To continue grouping alerts until the Incident is resolved, set this value to `0`.
             *
             *     This attribute has been deprecated and configuration via [Alert Grouping Settings](https://developer.pagerduty.com/api-reference/587edbc8ff416-create-an-alert-grouping-setting) resource is encouraged.
             */
            alert_grouping_timeout?: number;
            auto_pause_notifications_parameters?: components["schemas"]["AutoPauseNotificationsParameters"];
            /**
             * @description Time in seconds that an incident is automatically resolved if left open for that long. Value is `null` if the feature is disabled. Value must not be negative. Setting this field to `0`, `null` (or unset in POST request) will disable the feature.
             * @default 14400
             */
            auto_resolve_timeout: number;
            /**
             * Format: date-time
             * @description The date/time when this service was created
             */
            readonly created_at?: string;
            /** @description The user-provided description of the service. */
            description?: string;
            escalation_policy: components["schemas"]["EscalationPolicyReference"];
            incident_urgency_rule?: components["schemas"]["IncidentUrgencyRule"];
            /** @description An array containing Integration objects that belong to this service. If `integrations` is passed as an argument, these are full objects - otherwise, these are references. */
            readonly integrations?: components["schemas"]["IntegrationReference"][];
            /**
             * Format: date-time
             * @description The date/time when the most recent incident was created for this service.
             */
            readonly last_incident_timestamp?: string;
            /** @description The name of the service. */
            name?: string;
            /**
             * @deprecated
             * @description Response plays associated with this service.
             */
            response_play?: unknown;
            /** @description An array containing scheduled actions for the service. */
            scheduled_actions?: components["schemas"]["ScheduledAction"][];
            /**
             * @description The current state of the Service. Valid statuses are:
             *
             *
             *     - `active`: The service is enabled and has no open incidents. This is the only status a service can be created with.
             *     - `warning`: The service is enabled and has one or more acknowledged incidents.
             *     - `critical`: The service is enabled and has one or more triggered incidents.
             *     - `maintenance`: The service is under maintenance, no new incidents will be triggered during maintenance mode.
             *     - `disabled`: The service is disabled and will not have any new triggered incidents.
             * @default active
             * @enum {string}
             */
            status: "active" | "warning" | "critical" | "maintenance" | "disabled";
            support_hours?: components["schemas"]["SupportHours"];
            /** @description The set of teams associated with this service. */
            readonly teams?: components["schemas"]["TeamReference"][];
            /**
             * @description The type of object being created.
             * @default service
             * @enum {string}
             */
            type: "service";
        };
        ServiceReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "service_reference";
        };
        StatusUpdate: {
            /** @description The date/time when this status update was created. */
            created_at?: string;
            /** @description The html content of the custom html email status update. Present if included in request body. */
            html_message?: string;
            id?: string;
            /** @description The message of the status update. */
            message?: string;
            sender?: components["schemas"]["UserReference"];
            /** @description The subject of the custom html email status update. Present if included in request body. */
            subject?: string;
        };
        SubSchedule: {
            /**
             * @description The name of the subschedule
             * @enum {string}
             */
            readonly name: "Final Schedule" | "Overrides";
            /** @description The percentage of the time range covered by this layer. Returns null unless since or until are set. */
            readonly rendered_coverage_percentage?: number;
            /** @description This is a list of entries on the computed layer for the current time range. Since or until must be set in order for this field to be populated. */
            readonly rendered_schedule_entries?: components["schemas"]["ScheduleLayerEntry"][];
        };
        SupportHours: {
            readonly days_of_week?: number[];
            /**
             * Format: time
             * @description The support hours' ending time of day (date portion is ignored)
             */
            end_time?: string;
            /**
             * Format: time
             * @description The support hours' starting time of day (date portion is ignored)
             */
            start_time?: string;
            /**
             * Format: activesupport-time-zone
             * @description The time zone for the support hours
             */
            time_zone?: string;
            /**
             * @description The type of support hours
             * @default fixed_time_per_day
             * @enum {string}
             */
            type: "fixed_time_per_day";
        };
        Tag: {
            /**
             * Format: url
             * @description a URL at which the entity is uniquely displayed in the Web app
             */
            readonly html_url?: string | null;
            readonly id?: string;
            /**
             * Format: url
             * @description the API show URL at which the object is accessible
             */
            readonly self?: string | null;
            /** @description A short-form, server-generated string that provides succinct, important information about an object suitable for primary labeling of an entity in a client. In many cases, this will be identical to `name`, though it is not intended to be an identifier. */
            readonly summary?: string | null;
            /** @description A string that determines the schema of the object. This must be the standard name for the entity, suffixed by `_reference` if the object is a reference. */
            readonly type?: string;
        } & {
            /** @description The label of the tag. */
            label: string;
            /**
             * @description The type of object being created.
             * @default tag
             * @enum {string}
             */
            type: "tag";
        };
        Tag_allOf_0: {
            /**
             * Format: url
             * @description a URL at which the entity is uniquely displayed in the Web app
             */
            readonly html_url?: string | null;
            readonly id?: string;
            /**
             * Format: url
             * @description the API show URL at which the object is accessible
             */
            readonly self?: string | null;
            /** @description A short-form, server-generated string that provides succinct, important information about an object suitable for primary labeling of an entity in a client. In many cases, this will be identical to `name`, though it is not intended to be an identifier. */
            readonly summary?: string | null;
            /** @description A string that determines the schema of the object. This must be the standard name for the entity, suffixed by `_reference` if the object is a reference. */
            readonly type?: string;
        };
        Team: components["schemas"]["Tag_allOf_0"] & {
            /**
             * @description The team is private if the value is "none", or public if it is "manager" (the default permissions for a non-member of the team are either "none", or their base role up until "manager").
             * @default manager
             * @enum {string}
             */
            default_role: "manager" | "none";
            /** @description The description of the team. */
            description?: string;
            /** @description The name of the team. */
            name: string;
            /**
             * @description The type of object being created.
             * @default team
             * @enum {string}
             */
            type: "team";
        };
        TeamReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "team_reference";
        };
        /**
         * Time Grouping
         * @description The configuration for Time Based Alert Grouping
         */
        TimeBasedAlertGroupingConfiguration: {
            /** @description The duration in minutes within which to automatically group incoming Alerts. To continue grouping Alerts until the Incident is resolved, set this value to 0. */
            timeout?: number;
        };
        TriggerLogEntry: components["schemas"]["LogEntry"] & {
            /** @enum {string} */
            type?: "trigger_log_entry";
        };
        User: components["schemas"]["Tag_allOf_0"] & {
            /**
             * Format: url
             * @description The URL of the user's avatar.
             */
            readonly avatar_url?: string;
            /** @description The schedule color. */
            color?: string;
            /** @description The list of contact methods for the user. */
            readonly contact_methods?: components["schemas"]["ContactMethodReference"][];
            /** @description If true, the user was created via Single Sign-On (SSO). */
            readonly created_via_sso?: boolean;
            /** @description The user's bio. */
            description?: string | null;
            /**
             * Format: email
             * @description The user's email address.
             */
            email: string;
            /**
             * Format: uri
             * @description iCal HTTP feed URL for this user's on-call shifts. Only returned on the `GET /users/{id}` detail endpoint: automatically when viewing your own profile with a user-level token, or when an account admin with `can_update_user` passes `include[]=calendar_urls` for another user. Not returned on list endpoints or with account-level read-only keys.
             *
             *     **Security:** this URL is a bearer credential. Anyone with the URL can read the user's on-call calendar without further authentication. Rotate via `POST /users/{id}/regenerate_private_url_key` if it may have been exposed.
             */
            readonly http_cal_url?: string;
            /** @description If true, the user has an outstanding invitation. */
            readonly invitation_sent?: boolean;
            /** @description The user's title. */
            job_title?: string;
            /** @description The name of the user. */
            name: string;
            /** @description The list of notification rules for the user. */
            readonly notification_rules?: components["schemas"]["NotificationRuleReference"][];
            /**
             * @description The user role. Account must have the `read_only_users` ability to set a user as a `read_only_user` or a `read_only_limited_user`, and must have advanced permissions abilities to set a user as `observer` or `restricted_access`.
             * @enum {string}
             */
            role?: "admin" | "limited_user" | "observer" | "owner" | "read_only_user" | "restricted_access" | "read_only_limited_user" | "user";
            /** @description The list of teams to which the user belongs. Account must have the `teams` ability to set this. */
            readonly teams?: components["schemas"]["TeamReference"][];
            /**
             * Format: tzinfo
             * @description The preferred time zone name. If null, the account's time zone will be used.
             */
            time_zone?: string;
            /**
             * @description The type of object being created.
             * @default user
             * @enum {string}
             */
            type: "user";
            /**
             * Format: uri
             * @description iCal webcal URL for this user's on-call shifts. Only returned on the `GET /users/{id}` detail endpoint: automatically when viewing your own profile with a user-level token, or when an account admin with `can_update_user` passes `include[]=calendar_urls` for another user. Not returned on list endpoints or with account-level read-only keys.
             *
             *     **Security:** this URL is a bearer credential. Anyone with the URL can read the user's on-call calendar without further authentication. Rotate via `POST /users/{id}/regenerate_private_url_key` if it may have been exposed.
             */
            readonly web_cal_url?: string;
        };
        UserReference: components["schemas"]["Reference"] & {
            /** @enum {string} */
            type?: "user_reference";
        };
        /**
         * @description Lightweight schedule object returned by the list endpoint.
         *     Uses `"type": "schedule_v3_reference"` to distinguish from
         *     legacy schedules (`"type": "schedule_reference"`).
         */
        V3ScheduleReference: {
            /**
             * Format: uri
             * @example https://example.pagerduty.com/schedules/PL5FQHC
             */
            html_url?: string;
            /** @example PL5FQHC */
            id: string;
            /**
             * Format: uri
             * @example https://api.pagerduty.com/v3/schedules/PL5FQHC
             */
            self?: string;
            /**
             * @description Schedule name
             * @example Engineering On-Call
             */
            summary: string;
            /** @enum {string} */
            type: "schedule_v3_reference";
        };
        WebhookSubscription: {
            /**
             * @description Determines whether this subscription will produce webhook events.
             * @default true
             */
            active: boolean;
            delivery_method: {
                /** @description Optional headers to be set on this webhook subscription when sent. The header values are redacted in GET requests, but are not redacted on the webhook when delivered to the webhook's endpoint. */
                custom_headers?: {
                    /** @description The header name */
                    name?: string;
                    /** @description The header value */
                    value?: string;
                }[];
                readonly id?: string;
                /** @description The secret used to sign webhook payloads. Only provided on the initial create response. */
                readonly secret?: string | null;
                /** @description Whether or not this webhook subscription is temporarily disabled. Becomes `true` if the delivery method URL is repeatedly rejected by the server. */
                temporarily_disabled?: boolean;
                /**
                 * @description Indicates the type of the delivery method.
                 * @default http_delivery_method
                 * @enum {string}
                 */
                type: "http_delivery_method";
                /**
                 * Format: url
                 * @description The destination URL for webhook delivery.
                 */
                url: string;
            };
            /** @description A short description of the webhook subscription. */
            description?: string;
            /** @description The set of outbound event types the webhook will receive. */
            events: string[];
            filter: {
                /** @description The id of the object being used as the filter.  This field is required for all filter types except account_reference. */
                id?: string;
                /**
                 * @description The type of object being used as the filter.
                 * @enum {string}
                 */
                type: "account_reference" | "service_reference" | "team_reference";
            };
            readonly id?: string;
            /** @description OAuth client details. This field is populated in responses when oauth_client_id is set. */
            readonly oauth_client?: {
                /**
                 * @description The ID of the OAuth client
                 * @example AGMEB7F7YJYELCPG4Y5YWMYGXE
                 */
                id: string;
                /**
                 * @description A short-form, server-generated string that provides succinct, important information about an object suitable for primary labeling of an entity in a client
                 * @example PagerDuty Webhook Integration
                 */
                readonly summary?: string;
                /**
                 * @description The type of object being referenced
                 * @default oauth_client_reference
                 * @example oauth_client_reference
                 * @enum {string}
                 */
                type: "oauth_client_reference";
            };
            /**
             * @description The type indicating the schema of the object.
             * @default webhook_subscription
             * @enum {string}
             */
            type: "webhook_subscription";
        };
        WebhookSubscriptionUpdate: {
            webhook_subscription?: {
                /** @description If true, a webhook will be sent. True is the default state. If false, a webhook will not be sent. */
                active?: boolean;
                /** @description A short description of the webhook subscription. */
                description?: string;
                /** @description The set of outbound event types the subscription will receive. */
                events?: string[];
                filter?: {
                    /** @description The id of the object being used as the filter.  This field is required for all filter types except account_reference. */
                    id?: string;
                    /**
                     * @description The type of object being used as the filter.
                     * @enum {string}
                     */
                    type?: "account_reference" | "service_reference" | "team_reference";
                };
                /** @description The ID of the OAuth client to use for authenticating webhook requests. Optional field. */
                oauth_client_id?: string | null;
            };
        };
    };
    responses: {
        /** @description Caller provided invalid arguments. Please review the response for error details. Retrying with the same arguments will *not* work. */
        ArgumentError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /** @description The request conflicts with the current state of the server. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /**
                     * @example {
                     *       "message": "Not Found",
                     *       "code": 2100
                     *     }
                     */
                    error?: {
                        readonly code?: number;
                        readonly errors?: string[];
                        /** @description Error message string */
                        readonly message?: string;
                    };
                };
            };
        };
        /**
         * @description Caller is not authorized to view the requested resource.
         *     While your authentication is valid, the authenticated user or token does not have permission to perform this action.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /** @description The requested resource was not found. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /**
         * @description Account does not have the abilities to perform the action. Please review the response for the required abilities.
         *     You can also use the [Abilities API](#resource_Abilities) to determine what features are available to your account.
         */
        PaymentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /** @description Caller provided a request that is too large to process. */
        RequestEntityTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /** @description Too many requests have been made, the rate limit has been reached. */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /**
         * @description Caller did not supply credentials or did not provide the correct credentials.
         *     If you are using an API key, it may be invalid or your Authorization header may be malformed.
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Conflict_content_application_json_schema"];
            };
        };
        /**
         * @description Caller provided invalid arguments. Please review the response for error
         *     details. Retrying with the same arguments will *not* work.
         */
        WebhookBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Caller is not authorized to view the requested resource.
         *
         *     While your authentication is valid, the authenticated user or token does not have permission to perform this action.
         */
        WebhookForbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The requested resource was not found. */
        WebhookNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Caller did not supply credentials or did not provide the correct
         *     credentials.
         *
         *     If you are using an API key, it may be invalid or your Authorization header may be malformed.
         */
        WebhookUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description Optional parameter used to request the "next" set of results from an API.  The value provided here is most commonly obtained from the `next_cursor` field of the previous request.  When no value is provided, the request starts at the beginning of the result set. */
        cursor_cursor: string;
        /** @description The minimum of the `limit` parameter used in the request or the maximum request size of the API. */
        cursor_limit: number;
        /** @description When set to all, the since and until parameters and defaults are ignored. */
        date_range: "all";
        /** @description This will filter on-calls such that only the earliest on-call for each combination of escalation policy, escalation level, and user is returned. This is useful for determining when the "next" on-calls are for a given set of filters. */
        earliest_oncalls: boolean;
        /** @description Filters the results, showing only on-calls for the specified escalation policy IDs. */
        escalation_policy_ids_oncalls: string[];
        /** @description The email address of a valid user associated with the account making the request. */
        from_header: string;
        /** @description The `Accept` header is used as a versioning header. */
        header_Accept: string;
        "header_Content-Type": "application/json";
        /** @description The ID of the resource. */
        id: string;
        /** @description Returns only the incidents currently assigned to the passed user(s). This expects one or more user IDs. Note: When using the assigned_to_user filter, you will only receive incidents with statuses of triggered or acknowledged. This is because resolved incidents are not assigned to any user. */
        incident_assigned_to_user: string[];
        /** @description Incident de-duplication key. Incidents with child alerts do not have an incident key; querying by incident key will return incidents whose alerts have alert_key matching the given incident key. */
        incident_key: string;
        /** @description The number of results per page. Maximum of 100. */
        incident_list_limit: number;
        /** @description Time zone used to render timestamps and to interpret `since/until` values before filtering. Rendering defaults to UTC if omitted. `since/until` default to the account's time zone if omitted. */
        incident_list_time_zone: string;
        /** @description Returns only the incidents associated with the passed service(s). This expects one or more service IDs. */
        incident_services: string[];
        /** @description Array of the urgencies of the incidents to be returned. Defaults to all urgencies. Account must have the `urgencies` ability to do this. */
        incident_urgencies: "high" | "low";
        /** @description Array of additional Models to include in response. */
        include_escalation_policy: "services" | "teams" | "targets" | "escalation_rule_assignment_strategies";
        /** @description Array of additional details to include. */
        include_incident: "acknowledgers" | "agents" | "assignees" | "conference_bridge" | "custom_fields" | "escalation_policies" | "first_trigger_log_entries" | "priorities" | "services" | "teams" | "users";
        /** @description Array of additional details to include. */
        include_incident_workflow_children: "steps" | "team";
        /** @description Array of additional details to include. */
        include_incidents: "acknowledgers" | "agents" | "assignees" | "conference_bridge" | "escalation_policies" | "first_trigger_log_entries" | "priorities" | "services" | "teams" | "users";
        /** @description Specify an `user_id`, and the schedule list API will return information about this user's next on-call. */
        include_next_oncall_for_user: string;
        /** @description Array of additional details to include. */
        include_oncalls: "escalation_policies" | "users" | "schedules";
        /** @description Array of additional details to include. */
        include_schedules: "schedule_layers" | "overrides_subschedule" | "final_schedule";
        /** @description Array of additional details to include. */
        include_services: "escalation_policies" | "teams" | "integrations" | "auto_pause_notifications_parameters";
        /** @description Array of additional details to include. */
        include_services_id: "escalation_policies" | "teams" | "auto_pause_notifications_parameters" | "integrations";
        /** @description Array of additional Models to include in response. */
        include_teams: "privileges";
        /** @description Array of additional Models to include in response. */
        include_user: "contact_methods" | "notification_rules" | "teams" | "subdomains";
        /** @description Array of additional Models to include in response. Use `calendar_urls` to include `http_cal_url` and `web_cal_url`; account admins with `can_update_user` may use this to retrieve another user's calendar feed URLs. Note that these URLs are bearer credentials: anyone with the URL can read that user's on-call calendar. */
        include_user_detail: "contact_methods" | "notification_rules" | "teams" | "subdomains" | "calendar_urls";
        /** @description The number of results per page. */
        offset_limit: number;
        /** @description Offset to start pagination search results. */
        offset_offset: number;
        /**
         * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
         *
         *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
         */
        offset_total: boolean;
        /** @description The email address of a valid user associated with the account making the request. This is optional, and is only used for change tracking. */
        optional_from_header: string;
        /** @description Filters the result, showing only the records whose name matches the query. */
        query: string;
        /**
         * @description Team to reassign unresolved incident to.
         *     If an unresolved incident exists on both the reassignment team and
         *     the team being deleted, a duplicate will not be made. If not supplied,
         *     unresolved incidents will be made account-level.
         */
        reassignment_team: string;
        /**
         * @description The ID of the schedule.
         * @example P2LJD7G
         */
        schedule_id: string;
        /** @description Filters the results, showing only on-calls for the specified schedule IDs. If `null` is provided in the array, it includes permanent on-calls due to direct user escalation targets. */
        schedule_ids_oncalls: string[];
        /** @description Time zone in which results will be rendered. This will default to the current user's time zone and then the account's time zone. */
        schedule_list_time_zone: string;
        /**
         * @description Any on-call schedule entries that pass the date range bounds will be truncated at the bounds, unless the parameter `overflow=true` is passed. This parameter defaults to false.
         *     For instance, if your schedule is a rotation that changes daily at midnight UTC, and your date range is from `2011-06-01T10:00:00Z` to `2011-06-01T14:00:00Z`:
         *
         *
         *     - If you don't pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T10:00:00Z` and end of `2011-06-01T14:00:00Z`.
         *     - If you do pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T00:00:00Z` and end of `2011-06-02T00:00:00Z`.
         */
        schedule_overflow: boolean;
        /** @description The start of the date range over which you want to show schedule entries. Defaults to 2 weeks before until if an until is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
        schedule_since: string;
        /** @description Time zone in which results will be rendered. This will default to the schedule's time zone. */
        schedule_time_zone: string;
        /** @description The end of the date range over which you want to show schedule entries. Defaults to 2 weeks after since if a since is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
        schedule_until: string;
        /** @description Filters the results, showing only services with the specified name. */
        service_name: string;
        /** @description The start of the date range over which you want to search. Maximum range is 6 months and default is 1 month. */
        since_incidents: string;
        /** @description The start of the time range over which you want to search. If an on-call period overlaps with the range, it will be included in the result. Defaults to current time. On-call shifts are limited to 90 days in the future. */
        since_oncalls: string;
        /** @description Used to specify the field you wish to sort the results on. */
        sort_by_escalation_policy: "name" | "name:asc" | "name:desc";
        /** @description Used to specify both the field you wish to sort the results on (incident_number/created_at/resolved_at/urgency), as well as the direction (asc/desc) of the results. The sort_by field and direction should be separated by a colon. A maximum of two fields can be included, separated by a comma. Sort direction defaults to ascending. The account must have the `urgencies` ability to sort by the urgency. */
        sort_by_incidents: string[];
        /** @description Used to specify the field you wish to sort the results on. */
        sort_by_service: "name" | "name:asc" | "name:desc";
        /** @description Return only incidents with the given statuses. To query multiple statuses, pass `statuses[]` more than once, for example: `https://api.pagerduty.com/incidents?statuses[]=triggered&statuses[]=acknowledged`. (More status codes may be introduced in the future.) */
        statuses_incidents: "triggered" | "acknowledged" | "resolved";
        /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
        team_ids: string[];
        /** @description Time zone in which results will be rendered. This will default to the account time zone. */
        time_zone: string;
        /** @description If provided, only show triggers configured on the service of the given incident. Useful for finding manual triggers that are configured on the service for a specific incident. Cannot be specified if `service_id` is provided. */
        triggers_filter_incident_id: string;
        /**
         * @deprecated
         * @description If provided, filters between disabled and enabled Triggers.
         *     This query parameter is deprecated, and will be removed in a future version of this API.
         */
        triggers_filter_is_disabled: boolean;
        /** @description If provided, only show triggers configured for incidents in the given service. Useful for listing all workflows associated with the given service. Cannot be specified if `incident_id` is provided. */
        triggers_filter_service_id: string;
        /** @description If provided, only show triggers of the given type. For example “manual” to search for manual triggers */
        triggers_filter_trigger_type: "manual" | "conditional" | "incident_type";
        /** @description If provided, only show triggers configured to start the given workflow. Useful for listing all services associated with the given workflow */
        triggers_filter_workflow_id: string;
        /** @description If provided, only show triggers configured to start workflows whose name contain the provided value. */
        triggers_filter_workflow_name_contains: string;
        /** @description If provided, returns triggers sorted by the specified property. */
        triggers_sort_by: "workflow_id" | "workflow_id asc" | "workflow_id desc" | "workflow_name" | "workflow_name asc" | "workflow_name desc";
        /** @description The end of the date range over which you want to search. Maximum range is 6 months and default is 1 month. */
        until_incidents: string;
        /** @description The end of the time range over which you want to search. If an on-call period overlaps with the range, it will be included in the result. Defaults to current time. On-call shifts are limited to 90 days in the future, and the `until` time cannot be before the `since` time. */
        until_oncalls: string;
        /** @description Filters the results, showing only escalation policies on which any of the users is a target. */
        user_ids_escalation_policies: string[];
        /** @description Filters the results, showing only on-calls for the specified user IDs. */
        user_ids_oncalls: string[];
        /** @description The id of the resource to filter upon. Required if filter_type is service or team. */
        webhooks_filter_id: string;
        /** @description The type of resource to filter upon. */
        webhooks_filter_type: "account" | "service" | "team";
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAbilities: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of ability names. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The set of abilities your account has. */
                        abilities: string[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAbility: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account has the requested ability. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listEscalationPolicies: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. */
                "include[]"?: components["parameters"]["include_escalation_policy"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /** @description Used to specify the field you wish to sort the results on. */
                sort_by?: components["parameters"]["sort_by_escalation_policy"];
                /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
                "team_ids[]"?: components["parameters"]["team_ids"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
                /** @description Filters the results, showing only escalation policies on which any of the users is a target. */
                "user_ids[]"?: components["parameters"]["user_ids_escalation_policies"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of escalation policy objects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        escalation_policies: components["schemas"]["EscalationPolicy"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createEscalationPolicy: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. This is optional, and is only used for change tracking. */
                From?: components["parameters"]["optional_from_header"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The escalation policy to be created. */
        requestBody?: {
            content: {
                "application/json": {
                    escalation_policy: components["schemas"]["EscalationPolicy"];
                };
            };
        };
        responses: {
            /** @description The escalation policy that was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        escalation_policy: components["schemas"]["EscalationPolicy"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getEscalationPolicy: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. */
                "include[]"?: components["parameters"]["include_escalation_policy"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The escalation policy object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        escalation_policy: components["schemas"]["EscalationPolicy"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateEscalationPolicy: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** @description The escalation policy to be updated. */
        requestBody?: {
            content: {
                "application/json": {
                    escalation_policy: components["schemas"]["EscalationPolicy"];
                };
            };
        };
        responses: {
            /** @description The escalation policy that was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        escalation_policy: components["schemas"]["EscalationPolicy"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteEscalationPolicy: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The escalation policy was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIncidentWorkflows: {
        parameters: {
            query?: {
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_incident_workflow_children"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of Incident Workflows. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        incident_workflows: components["schemas"]["IncidentWorkflow"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    postIncidentWorkflow: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    incident_workflow: components["schemas"]["IncidentWorkflow"];
                };
            };
        };
        responses: {
            /** @description The new Incident Workflow */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident_workflow: components["schemas"]["IncidentWorkflow"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIncidentWorkflow: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Incident Workflow */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident_workflow: components["schemas"]["IncidentWorkflow"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    putIncidentWorkflow: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    incident_workflow: components["schemas"]["IncidentWorkflow"];
                };
            };
        };
        responses: {
            /** @description The changed Incident Workflow */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident_workflow: components["schemas"]["IncidentWorkflow"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteIncidentWorkflow: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Incident Workflow was deleted successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentWorkflowInstance: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    incident_workflow_instance: {
                        /**
                         * @description An identifier to help differentiate between workflow executions.
                         * @example P3SNKQS
                         */
                        id?: string;
                        incident?: {
                            /** @example Q1R2DLCB21K7NP */
                            id: string;
                            /** @enum {string} */
                            type?: "incident_reference";
                        };
                    };
                };
            };
        };
        responses: {
            /** @description The Incident Workflow Instance */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident_workflow_instance: components["schemas"]["IncidentWorkflowInstance"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIncidentWorkflowTriggers: {
        parameters: {
            query?: {
                /** @description Optional parameter used to request the "next" set of results from an API.  The value provided here is most commonly obtained from the `next_cursor` field of the previous request.  When no value is provided, the request starts at the beginning of the result set. */
                cursor?: components["parameters"]["cursor_cursor"];
                /** @description If provided, only show triggers configured on the service of the given incident. Useful for finding manual triggers that are configured on the service for a specific incident. Cannot be specified if `service_id` is provided. */
                incident_id?: components["parameters"]["triggers_filter_incident_id"];
                /**
                 * @deprecated
                 * @description If provided, filters between disabled and enabled Triggers.
                 *     This query parameter is deprecated, and will be removed in a future version of this API.
                 */
                is_disabled?: components["parameters"]["triggers_filter_is_disabled"];
                /** @description The minimum of the `limit` parameter used in the request or the maximum request size of the API. */
                limit?: components["parameters"]["cursor_limit"];
                /** @description If provided, only show triggers configured for incidents in the given service. Useful for listing all workflows associated with the given service. Cannot be specified if `incident_id` is provided. */
                service_id?: components["parameters"]["triggers_filter_service_id"];
                /** @description If provided, returns triggers sorted by the specified property. */
                sort_by?: components["parameters"]["triggers_sort_by"];
                /** @description If provided, only show triggers of the given type. For example “manual” to search for manual triggers */
                trigger_type?: components["parameters"]["triggers_filter_trigger_type"];
                /** @description If provided, only show triggers configured to start the given workflow. Useful for listing all services associated with the given workflow */
                workflow_id?: components["parameters"]["triggers_filter_workflow_id"];
                /** @description If provided, only show triggers configured to start workflows whose name contain the provided value. */
                workflow_name_contains?: components["parameters"]["triggers_filter_workflow_name_contains"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of Incident Workflow Triggers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CursorPagination"] & {
                        /** @description Indicates if there are additional records to return */
                        readonly more?: boolean;
                        triggers?: components["schemas"]["IncidentWorkflowTrigger"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentWorkflowTrigger: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    trigger: components["schemas"]["Tag_allOf_0"] & {
                        /**
                         * @description A PCL condition string.
                         *
                         *     If specified, the trigger will execute when the condition is met on an incident.
                         *
                         *     If unspecified, the trigger will execute on incident creation.
                         *
                         *     Required if trigger_type is “conditional”, not allowed for other trigger types.
                         */
                        condition?: string;
                        /** @description An optional array of Incident Types associated with the trigger when it is of type `incident_type`. */
                        incident_types?: string[];
                        /**
                         * @deprecated
                         * @description Indicates whether the Trigger is disabled or not. A previous API version allowed callers to set this
                         *     property independently. This behavior is deprecated. This property's value will be set based on the
                         *     "is_enabled" property of the workflow to which this trigger belongs.
                         */
                        is_disabled?: boolean;
                        /** @description Indicates that the Trigger should be associated with All Services */
                        is_subscribed_to_all_services?: boolean;
                        /** @description An object detailing who can start this Trigger. Applicable only to manual Triggers. */
                        permissions?: {
                            /** @description If true, indicates that the Trigger can only be started by authorized Users. If false, any user can start this Trigger. Applicable only to manual Triggers. */
                            restricted?: boolean;
                            /** @description The ID of the team whose members can manually start this Trigger. Required and allowed if and only if permissions.restricted is true. */
                            team_id?: string;
                        };
                        /** @description An optional array of Services associated with this workflow. Incidents in any of the listed Services are eligible to fire this Trigger */
                        services?: {
                            id?: string;
                        }[];
                        /** @enum {string} */
                        trigger_type?: "conditional" | "manual" | "incident_type";
                        /** Format: url */
                        trigger_url?: string;
                        /** @enum {string} */
                        type?: "workflow_trigger";
                        /** @description Workflow to start when this trigger is invoked */
                        workflow?: {
                            id?: string;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description The newly created Incident Workflow Trigger */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        trigger: components["schemas"]["IncidentWorkflowTrigger"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIncidents: {
        parameters: {
            query?: {
                /** @description When set to all, the since and until parameters and defaults are ignored. */
                date_range?: components["parameters"]["date_range"];
                /** @description Incident de-duplication key. Incidents with child alerts do not have an incident key; querying by incident key will return incidents whose alerts have alert_key matching the given incident key. */
                incident_key?: components["parameters"]["incident_key"];
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_incidents"];
                /** @description The number of results per page. Maximum of 100. */
                limit?: components["parameters"]["incident_list_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Returns only the incidents associated with the passed service(s). This expects one or more service IDs. */
                "service_ids[]"?: components["parameters"]["incident_services"];
                /** @description The start of the date range over which you want to search. Maximum range is 6 months and default is 1 month. */
                since?: components["parameters"]["since_incidents"];
                /** @description Used to specify both the field you wish to sort the results on (incident_number/created_at/resolved_at/urgency), as well as the direction (asc/desc) of the results. The sort_by field and direction should be separated by a colon. A maximum of two fields can be included, separated by a comma. Sort direction defaults to ascending. The account must have the `urgencies` ability to sort by the urgency. */
                sort_by?: components["parameters"]["sort_by_incidents"];
                /** @description Return only incidents with the given statuses. To query multiple statuses, pass `statuses[]` more than once, for example: `https://api.pagerduty.com/incidents?statuses[]=triggered&statuses[]=acknowledged`. (More status codes may be introduced in the future.) */
                "statuses[]"?: components["parameters"]["statuses_incidents"];
                /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
                "team_ids[]"?: components["parameters"]["team_ids"];
                /** @description Time zone used to render timestamps and to interpret `since/until` values before filtering. Rendering defaults to UTC if omitted. `since/until` default to the account's time zone if omitted. */
                time_zone?: components["parameters"]["incident_list_time_zone"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
                /** @description The end of the date range over which you want to search. Maximum range is 6 months and default is 1 month. */
                until?: components["parameters"]["until_incidents"];
                /** @description Array of the urgencies of the incidents to be returned. Defaults to all urgencies. Account must have the `urgencies` ability to do this. */
                "urgencies[]"?: components["parameters"]["incident_urgencies"];
                /** @description Returns only the incidents currently assigned to the passed user(s). This expects one or more user IDs. Note: When using the assigned_to_user filter, you will only receive incidents with statuses of triggered or acknowledged. This is because resolved incidents are not assigned to any user. */
                "user_ids[]"?: components["parameters"]["incident_assigned_to_user"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of incidents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        incidents: components["schemas"]["Incident"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateIncidents: {
        parameters: {
            query?: {
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description An array of incidents, including the parameters to update. */
                    incidents: {
                        /** @description Assign the incident to these assignees. */
                        assignments?: {
                            assignee?: components["schemas"]["UserReference"];
                        }[];
                        conference_bridge?: components["schemas"]["ConferenceBridge"];
                        /** @description Escalate the incident to this level in the escalation policy. */
                        escalation_level?: number;
                        escalation_policy?: components["schemas"]["EscalationPolicyReference"];
                        /** @description The id of the incident to update. */
                        id: string;
                        incident_type?: components["schemas"]["IncidentTypeReference"];
                        /** @description The priority of the incident. Can be provided as a priority object or a string matching a priority name. If a string is provided, the highest priority with a matching name will be used. */
                        priority?: {
                            /** @description The ID of the priority. */
                            id: string;
                            /** @description The user-provided short name of the priority. */
                            name?: string;
                            /**
                             * @description The type of the reference.
                             * @enum {string}
                             */
                            type: "priority" | "priority_reference";
                        } | string;
                        /**
                         * @description The resolution for this incident. This field is used only when setting the incident status to resolved.
                         *     The value provided here is added to the incident’s 'Resolve' log entry as a note and will not be displayed directly in the UI.
                         */
                        resolution?: string;
                        /**
                         * @description The new status of the incident. If the incident is currently resolved, setting the status to "triggered" or "acknowledged" will reopen it. When reopening an incident to the "triggered" status, it will be assigned based on the assignees or escalation_policy fields in the request, otherwise it will be assigned to the current Escalation Policy. When reopening an incident to the "acknowledged" status, it will be assigned to the current user.
                         * @enum {string}
                         */
                        status?: "resolved" | "acknowledged" | "triggered";
                        /** @description A succinct description of the nature, symptoms, cause, or effect of the incident. */
                        title?: string;
                        /**
                         * @description The incident type.
                         * @enum {string}
                         */
                        type: "incident" | "incident_reference";
                        /**
                         * @description The urgency of the incident.
                         * @enum {string}
                         */
                        urgency?: "high" | "low";
                    }[];
                };
            };
        };
        responses: {
            /** @description All of the updates succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        incidents: components["schemas"]["Incident"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["RequestEntityTooLarge"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncident: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Details of the incident to be created. */
                    incident: {
                        /** @description Assign the incident to these assignees. Cannot be specified if an escalation policy is given. */
                        assignments?: {
                            assignee?: components["schemas"]["UserReference"];
                        }[];
                        body?: components["schemas"]["IncidentBody"];
                        conference_bridge?: components["schemas"]["ConferenceBridge"];
                        escalation_policy?: components["schemas"]["EscalationPolicyReference"];
                        /** @description A string which identifies the incident. Sending subsequent requests referencing the same service and with the same incident_key will result in those requests being rejected if an open incident matches that incident_key. */
                        incident_key?: string;
                        incident_type?: components["schemas"]["IncidentTypeReference"];
                        priority?: components["schemas"]["PriorityReference"];
                        service: components["schemas"]["ServiceReference"];
                        /** @description A succinct description of the nature, symptoms, cause, or effect of the incident. */
                        title: string;
                        /** @enum {string} */
                        type: "incident";
                        /**
                         * @description The urgency of the incident
                         * @enum {string}
                         */
                        urgency?: "high" | "low";
                    };
                };
            };
        };
        responses: {
            /** @description The incident object created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: components["schemas"]["Incident"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getIncident: {
        parameters: {
            query?: {
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_incident"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incident requested. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: components["schemas"]["Incident"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateIncident: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The parameters of the incident to update. */
                    incident: {
                        /** @description Assign the incident to these assignees. */
                        assignments?: {
                            assignee?: components["schemas"]["UserReference"];
                        }[];
                        conference_bridge?: components["schemas"]["ConferenceBridge"];
                        /** @description Escalate the incident to this level in the escalation policy. */
                        escalation_level?: number;
                        escalation_policy?: components["schemas"]["EscalationPolicyReference"];
                        incident_type?: components["schemas"]["IncidentTypeReference"];
                        /** @description The priority of the incident. Can be provided as a priority object or a string matching a priority name. If a string is provided, the highest priority with a matching name will be used. */
                        priority?: {
                            /** @description The ID of the priority. */
                            id: string;
                            /** @description The user-provided short name of the priority. */
                            name?: string;
                            /**
                             * @description The type of the reference.
                             * @enum {string}
                             */
                            type: "priority" | "priority_reference";
                        } | string;
                        /**
                         * @description The resolution for this incident. This field is used only when setting the incident status to resolved.
                         *     The value provided here is added to the incident’s 'Resolve' log entry as a note and will not be displayed directly in the UI.
                         */
                        resolution?: string;
                        /** @description Assign the incident to this service. */
                        service?: {
                            /** @description The ID of the service. */
                            id: string;
                            /**
                             * @description The type of the reference.
                             * @enum {string}
                             */
                            type: "service_reference";
                        };
                        /**
                         * @description The new status of the incident. If the incident is currently resolved, setting the status to "triggered" or "acknowledged" will reopen it. When reopening an incident to the "triggered" status, it will be assigned based on the assignees or escalation_policy fields in the request, otherwise it will be assigned to the current Escalation Policy. When reopening an incident to the "acknowledged" status, it will be assigned to the current user.
                         * @enum {string}
                         */
                        status?: "resolved" | "acknowledged" | "triggered";
                        /** @description The new title of the incident. */
                        title?: string;
                        /**
                         * @description The incident type.
                         * @enum {string}
                         */
                        type: "incident" | "incident_reference";
                        /**
                         * @description The urgency of the incident.
                         * @enum {string}
                         */
                        urgency?: "high" | "low";
                    };
                };
            };
        };
        responses: {
            /** @description The incident was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: components["schemas"]["Incident"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    mergeIncidents: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The source incidents that will be merged into the target incident and resolved. */
                    source_incidents: components["schemas"]["IncidentReference"][];
                };
            };
        };
        responses: {
            /** @description The target incident, which now contains all the alerts from the source incident. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: components["schemas"]["IncidentReference"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listIncidentNotes: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of notes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        notes: components["schemas"]["IncidentNote"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentNote: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    note: {
                        /** @description The note content */
                        content: string;
                    };
                };
            };
        };
        responses: {
            /** @description The new note. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        note: components["schemas"]["IncidentNote"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentResponderRequest: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The message sent with the responder request. */
                    message: string;
                    /** @description The user id of the requester. */
                    requester_id: string;
                    /** @description The array of targets the responder request is sent to. */
                    responder_request_targets: unknown;
                };
            };
        };
        responses: {
            /** @description The new responder request for the given incident. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        responder_request: components["schemas"]["ResponderRequest"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentSnooze: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The number of seconds to snooze the incident for. After this number of seconds has elapsed, the incident will return to the "triggered" state. */
                    duration: number;
                };
            };
        };
        responses: {
            /** @description The incident that was successfully snoozed. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        incident: components["schemas"]["Incident"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createIncidentStatusUpdate: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description The html content to be sent for the custom html email status update. Required if sending custom html email. */
                    html_message?: string;
                    /** @description The message to be posted as a status update. */
                    message: string;
                    /** @description The subject to be sent for the custom html email status update. Required if sending custom html email. */
                    subject?: string;
                };
            };
        };
        responses: {
            /** @description The new status update for the specified incident. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status_update: components["schemas"]["StatusUpdate"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listOnCalls: {
        parameters: {
            query?: {
                /** @description This will filter on-calls such that only the earliest on-call for each combination of escalation policy, escalation level, and user is returned. This is useful for determining when the "next" on-calls are for a given set of filters. */
                earliest?: components["parameters"]["earliest_oncalls"];
                /** @description Filters the results, showing only on-calls for the specified escalation policy IDs. */
                "escalation_policy_ids[]"?: components["parameters"]["escalation_policy_ids_oncalls"];
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_oncalls"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the results, showing only on-calls for the specified schedule IDs. If `null` is provided in the array, it includes permanent on-calls due to direct user escalation targets. */
                "schedule_ids[]"?: components["parameters"]["schedule_ids_oncalls"];
                /** @description The start of the time range over which you want to search. If an on-call period overlaps with the range, it will be included in the result. Defaults to current time. On-call shifts are limited to 90 days in the future. */
                since?: components["parameters"]["since_oncalls"];
                /** @description Time zone in which results will be rendered. This will default to the account time zone. */
                time_zone?: components["parameters"]["time_zone"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
                /** @description The end of the time range over which you want to search. If an on-call period overlaps with the range, it will be included in the result. Defaults to current time. On-call shifts are limited to 90 days in the future, and the `until` time cannot be before the `since` time. */
                until?: components["parameters"]["until_oncalls"];
                /** @description Filters the results, showing only on-calls for the specified user IDs. */
                "user_ids[]"?: components["parameters"]["user_ids_oncalls"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of on-call objects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        oncalls: components["schemas"]["Oncall"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPriorities: {
        parameters: {
            query?: {
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of priorities. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        priorities: components["schemas"]["Priority"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                /** @description Specify an `user_id`, and the schedule list API will return information about this user's next on-call. */
                include_next_oncall_for_user?: components["parameters"]["include_next_oncall_for_user"];
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_schedules"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /** @description The start of the date range over which you want to show schedule entries. Defaults to 2 weeks before until if an until is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
                since?: components["parameters"]["schedule_since"];
                /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
                "team_ids[]"?: components["parameters"]["team_ids"];
                /** @description Time zone in which results will be rendered. This will default to the current user's time zone and then the account's time zone. */
                time_zone?: components["parameters"]["schedule_list_time_zone"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
                /** @description The end of the date range over which you want to show schedule entries. Defaults to 2 weeks after since if a since is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
                until?: components["parameters"]["schedule_until"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of schedule objects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        schedules: components["schemas"]["Schedule"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createSchedule: {
        parameters: {
            query?: {
                /**
                 * @description Any on-call schedule entries that pass the date range bounds will be truncated at the bounds, unless the parameter `overflow=true` is passed. This parameter defaults to false.
                 *     For instance, if your schedule is a rotation that changes daily at midnight UTC, and your date range is from `2011-06-01T10:00:00Z` to `2011-06-01T14:00:00Z`:
                 *
                 *
                 *     - If you don't pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T10:00:00Z` and end of `2011-06-01T14:00:00Z`.
                 *     - If you do pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T00:00:00Z` and end of `2011-06-02T00:00:00Z`.
                 */
                overflow?: components["parameters"]["schedule_overflow"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The schedule to be created. */
        requestBody?: {
            content: {
                "application/json": {
                    schedule: components["schemas"]["Schedule"];
                };
            };
        };
        responses: {
            /** @description The schedule object created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schedule: components["schemas"]["Schedule"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getSchedule: {
        parameters: {
            query?: {
                /** @description Specify an `user_id`, and the schedule list API will return information about this user's next on-call. */
                include_next_oncall_for_user?: components["parameters"]["include_next_oncall_for_user"];
                /**
                 * @description Any on-call schedule entries that pass the date range bounds will be truncated at the bounds, unless the parameter `overflow=true` is passed. This parameter defaults to false.
                 *     For instance, if your schedule is a rotation that changes daily at midnight UTC, and your date range is from `2011-06-01T10:00:00Z` to `2011-06-01T14:00:00Z`:
                 *
                 *
                 *     - If you don't pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T10:00:00Z` and end of `2011-06-01T14:00:00Z`.
                 *     - If you do pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T00:00:00Z` and end of `2011-06-02T00:00:00Z`.
                 */
                overflow?: components["parameters"]["schedule_overflow"];
                /** @description The start of the date range over which you want to show schedule entries. Defaults to 2 weeks before until if an until is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
                since?: components["parameters"]["schedule_since"];
                /** @description Time zone in which results will be rendered. This will default to the schedule's time zone. */
                time_zone?: components["parameters"]["schedule_time_zone"];
                /** @description The end of the date range over which you want to show schedule entries. Defaults to 2 weeks after since if a since is given. Optional parameter. When provided with include[] for schedule types, populates the rendered_schedule_entries fields in the response. */
                until?: components["parameters"]["schedule_until"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /**
                 * @description The ID of the schedule.
                 * @example P2LJD7G
                 */
                id: components["parameters"]["schedule_id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schedule: components["schemas"]["Schedule"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateSchedule: {
        parameters: {
            query?: {
                /**
                 * @description Any on-call schedule entries that pass the date range bounds will be truncated at the bounds, unless the parameter `overflow=true` is passed. This parameter defaults to false.
                 *     For instance, if your schedule is a rotation that changes daily at midnight UTC, and your date range is from `2011-06-01T10:00:00Z` to `2011-06-01T14:00:00Z`:
                 *
                 *
                 *     - If you don't pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T10:00:00Z` and end of `2011-06-01T14:00:00Z`.
                 *     - If you do pass the `overflow=true` parameter, you will get one schedule entry returned with a start of `2011-06-01T00:00:00Z` and end of `2011-06-02T00:00:00Z`.
                 */
                overflow?: components["parameters"]["schedule_overflow"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** @description The schedule to be updated. */
        requestBody?: {
            content: {
                "application/json": {
                    schedule: components["schemas"]["Schedule"];
                };
            };
        };
        responses: {
            /** @description The updated schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schedule: components["schemas"]["Schedule"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listServices: {
        parameters: {
            query?: {
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_services"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Filters the results, showing only services with the specified name. */
                name?: components["parameters"]["service_name"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /** @description Used to specify the field you wish to sort the results on. */
                sort_by?: components["parameters"]["sort_by_service"];
                /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
                "team_ids[]"?: components["parameters"]["team_ids"];
                /** @description Time zone in which results will be rendered. This will default to the account time zone. */
                time_zone?: components["parameters"]["time_zone"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of services. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        services: components["schemas"]["Service"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    createService: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The service to be created */
        requestBody?: {
            content: {
                "application/json": {
                    service: components["schemas"]["Service"];
                };
            };
        };
        responses: {
            /** @description The service that was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["Service"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
        };
    };
    getService: {
        parameters: {
            query?: {
                /** @description Array of additional details to include. */
                "include[]"?: components["parameters"]["include_services_id"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service requested. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["Service"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateService: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** @description The service to be updated. */
        requestBody?: {
            content: {
                "application/json": {
                    service: components["schemas"]["Service"];
                };
            };
        };
        responses: {
            /** @description The service that was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        service: components["schemas"]["Service"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteService: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
        };
    };
    listTeams: {
        parameters: {
            query?: {
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of teams. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        teams: components["schemas"]["Team"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createTeam: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The team to be created. */
        requestBody?: {
            content: {
                "application/json": {
                    team: components["schemas"]["Team"];
                };
            };
        };
        responses: {
            /** @description The team that was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getTeam: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. */
                "include[]"?: components["parameters"]["include_teams"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team requested. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateTeam: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** @description The team to be updated. */
        requestBody?: {
            content: {
                "application/json": {
                    team: components["schemas"]["Team"];
                };
            };
        };
        responses: {
            /** @description The team that was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        team: components["schemas"]["Team"];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteTeam: {
        parameters: {
            query?: {
                /**
                 * @description Team to reassign unresolved incident to.
                 *     If an unresolved incident exists on both the reassignment team and
                 *     the team being deleted, a duplicate will not be made. If not supplied,
                 *     unresolved incidents will be made account-level.
                 */
                reassignment_team?: components["parameters"]["reassignment_team"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. */
                "include[]"?: components["parameters"]["include_user"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /** @description Filters the result, showing only the records whose name matches the query. */
                query?: components["parameters"]["query"];
                /** @description An array of team IDs. Only results related to these teams will be returned. Account must have the `teams` ability to use this parameter. */
                "team_ids[]"?: components["parameters"]["team_ids"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A paginated array of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pagination"] & {
                        users: components["schemas"]["User"][];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
                /** @description The email address of a valid user associated with the account making the request. */
                From: components["parameters"]["from_header"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The user to be created. */
        requestBody?: {
            content: {
                "application/json": {
                    user: components["schemas"]["User"] & {
                        license?: unknown & components["schemas"]["LicenseReference"];
                    };
                };
            };
        };
        responses: {
            /** @description The user that was created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getUser: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. Use `calendar_urls` to include `http_cal_url` and `web_cal_url`; account admins with `can_update_user` may use this to retrieve another user's calendar feed URLs. Note that these URLs are bearer credentials: anyone with the URL can read that user's on-call calendar. */
                "include[]"?: components["parameters"]["include_user_detail"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user requested. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        /** @description The user to be updated. */
        requestBody?: {
            content: {
                "application/json": {
                    user: components["schemas"]["User"] & {
                        license?: unknown & components["schemas"]["LicenseReference"];
                    };
                };
            };
        };
        responses: {
            /** @description The user that was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            401: components["responses"]["Unauthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getCurrentUser: {
        parameters: {
            query?: {
                /** @description Array of additional Models to include in response. Use `calendar_urls` to include `http_cal_url` and `web_cal_url`; account admins with `can_update_user` may use this to retrieve another user's calendar feed URLs. Note that these URLs are bearer credentials: anyone with the URL can read that user's on-call calendar. */
                "include[]"?: components["parameters"]["include_user_detail"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The requesting user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["ArgumentError"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWebhookSubscriptions: {
        parameters: {
            query?: {
                /** @description The id of the resource to filter upon. Required if filter_type is service or team. */
                filter_id?: components["parameters"]["webhooks_filter_id"];
                /** @description The type of resource to filter upon. */
                filter_type?: components["parameters"]["webhooks_filter_type"];
                /** @description The number of results per page. */
                limit?: components["parameters"]["offset_limit"];
                /** @description Offset to start pagination search results. */
                offset?: components["parameters"]["offset_offset"];
                /**
                 * @description By default the `total` field in pagination responses is set to `null` to provide the fastest possible response times. Set `total` to `true` for this field to be populated.
                 *
                 *     See our [Pagination Docs](https://developer.pagerduty.com/docs/rest-api-v2/pagination/) for more information.
                 */
                total?: components["parameters"]["offset_total"];
            };
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A set of webhook subscriptions matching the request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_subscriptions: components["schemas"]["WebhookSubscription"][];
                    } & components["schemas"]["Pagination"];
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
        };
    };
    createWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    webhook_subscription: components["schemas"]["WebhookSubscription"];
                };
            };
        };
        responses: {
            /** @description The webhook subscription that was created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_subscription: components["schemas"]["WebhookSubscription"];
                    };
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
        };
    };
    getWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook subscription that was requested. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_subscription: components["schemas"]["WebhookSubscription"];
                    };
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
            404: components["responses"]["WebhookNotFound"];
        };
    };
    updateWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
                "Content-Type": components["parameters"]["header_Content-Type"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookSubscriptionUpdate"];
            };
        };
        responses: {
            /** @description The updated webhook subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_subscription: components["schemas"]["WebhookSubscription"];
                    };
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
            404: components["responses"]["WebhookNotFound"];
        };
    };
    deleteWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook subscription was deleted successfully. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
            404: components["responses"]["WebhookNotFound"];
        };
    };
    enableWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook subscription that was successfully enabled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook_subscription: components["schemas"]["WebhookSubscription"];
                    };
                };
            };
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
            404: components["responses"]["WebhookNotFound"];
        };
    };
    testWebhookSubscription: {
        parameters: {
            query?: never;
            header: {
                /** @description The `Accept` header is used as a versioning header. */
                Accept: components["parameters"]["header_Accept"];
            };
            path: {
                /** @description The ID of the resource. */
                id: components["parameters"]["id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["WebhookUnauthorized"];
            403: components["responses"]["WebhookForbidden"];
            404: components["responses"]["WebhookNotFound"];
        };
    };
}
