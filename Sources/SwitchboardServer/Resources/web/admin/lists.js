// What each administration list holds (SPEC A4–A6, `/v1/admin/...` in docs/openapi.yaml): its
// path, the columns of its table and the fields of its form. `list-editor.js` renders any of them.
//
// Column: {key, labelKey, type?: "boolean"|"ref"|"refs"|"enum"|"mono", ref?, enumKey?, empty?, value?}
// Field:  {name, labelKey, type: "text"|"dialNumber"|"integer"|"select"|"enum"|"checkbox"|"multi"|"password"
//          |"openingHours"|"variables",
//          ref? (list id of a select/multi), options? (enum values), enumKey?, hintKey?, required?,
//          nullable? (empty sends null), keepIfEmpty? (empty sends nothing), createOnly?, default?, placeholderKey?}

const presence = ["available", "busy", "away", "offline"];

/** Wrap-up and idle reasons share one shape: a code, a name and the teams they apply to (all if none). */
function reasonList(id, titleKey, itemKey, newKey) {
  return {
    id,
    titleKey,
    itemKey,
    newKey,
    columns: [
      { key: "code", labelKey: "code", type: "mono" },
      { key: "name", labelKey: "name" },
      { key: "teamIds", labelKey: "reasonTeams", type: "refs", ref: "teams", empty: "allTeams" },
    ],
    fields: [
      { name: "code", labelKey: "code", type: "text", required: true },
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "teamIds", labelKey: "reasonTeams", type: "multi", ref: "teams", hintKey: "reasonTeamsHint" },
    ],
  };
}

export const lists = [
  {
    id: "queues",
    titleKey: "queues",
    itemKey: "item_queue",
    newKey: "newQueue",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "ringTimeoutSeconds", labelKey: "ringTimeoutSeconds", empty: "tenantDefault", numeric: true },
      { key: "consultTarget", labelKey: "consultTarget", type: "boolean" },
      { key: "transferTarget", labelKey: "transferTarget", type: "boolean" },
      { key: "id", labelKey: "id", type: "mono" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "ringTimeoutSeconds", labelKey: "ringTimeoutSeconds", type: "integer", nullable: true, min: 2, max: 600, hintKey: "ringTimeoutQueueHint", placeholderKey: "tenantDefault" },
      { name: "consultTarget", labelKey: "consultTarget", type: "checkbox", default: true, hintKey: "consultTargetHint" },
      { name: "transferTarget", labelKey: "transferTarget", type: "checkbox", default: true, hintKey: "transferTargetHint" },
    ],
  },
  {
    id: "entry-points",
    titleKey: "entryPoints",
    itemKey: "item_entryPoint",
    newKey: "newEntryPoint",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "dialNumber", labelKey: "epdn", type: "mono" },
      { key: "queueId", labelKey: "targetQueue", type: "ref", ref: "queues" },
      { key: "consultTarget", labelKey: "consultTarget", type: "boolean" },
      { key: "transferTarget", labelKey: "transferTarget", type: "boolean" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "dialNumber", labelKey: "epdn", type: "dialNumber", required: true, hintKey: "epdnHint" },
      { name: "queueId", labelKey: "targetQueue", type: "select", ref: "queues", required: true },
      { name: "consultTarget", labelKey: "consultTarget", type: "checkbox", default: true, hintKey: "consultTargetHint" },
      { name: "transferTarget", labelKey: "transferTarget", type: "checkbox", default: true, hintKey: "transferTargetHint" },
      { name: "courtesyCallbackMinimumWaitSeconds", labelKey: "courtesyCallback", type: "integer", nullable: true, min: 0,
        max: 86400, hintKey: "courtesyCallbackHint", placeholderKey: "notOffered" },
      { name: "openingHours", labelKey: "openingHours", type: "openingHours", hintKey: "openingHoursHint" },
    ],
  },
  {
    id: "teams",
    titleKey: "teams",
    itemKey: "item_team",
    newKey: "newTeam",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "queueIds", labelKey: "queuesServed", type: "refs", ref: "queues", empty: "none" },
      { key: "id", labelKey: "id", type: "mono" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "queueIds", labelKey: "queuesServed", type: "multi", ref: "queues" },
    ],
  },
  {
    id: "agents",
    titleKey: "agents",
    itemKey: "item_agent",
    newKey: "newAgent",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "teamIds", labelKey: "teamsOfAgent", type: "refs", ref: "teams", empty: "none" },
      { key: "dialNumber", labelKey: "phoneNumber", type: "mono", empty: "none" },
      { key: "sipPasswordSet", labelKey: "sipPasswordSet", type: "boolean" },
      { key: "id", labelKey: "id", type: "mono" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "teamIds", labelKey: "teamsOfAgent", type: "multi", ref: "teams", required: true, hintKey: "teamsOfAgentHint" },
      { name: "dialNumber", labelKey: "phoneNumber", type: "dialNumber", nullable: true, hintKey: "phoneNumberHint" },
      { name: "sipPassword", labelKey: "sipPassword", type: "password", keepIfEmpty: true, hintKey: "sipPasswordHint" },
      { name: "username", labelKey: "loginUsername", type: "text", createOnly: true, hintKey: "loginUsernameHint", autocomplete: "off" },
      { name: "password", labelKey: "loginPassword", type: "password", createOnly: true, hintKey: "loginPasswordHint" },
    ],
  },
  reasonList("wrapup-reasons", "wrapupReasons", "item_wrapupReason", "newWrapupReason"),
  reasonList("idle-reasons", "idleReasons", "item_idleReason", "newIdleReason"),
  {
    id: "cad-variables",
    titleKey: "cadVariables",
    tabKey: "cadVariablesShort",
    itemKey: "item_cadVariable",
    newKey: "newCadVariable",
    itemName: (item) => item.label,
    sort: (a, b) => a.order - b.order || a.label.localeCompare(b.label),
    columns: [
      { key: "order", labelKey: "order", numeric: true },
      { key: "label", labelKey: "label" },
      { key: "name", labelKey: "variableName", type: "mono" },
      { key: "type", labelKey: "type", type: "enum", enumKey: "type_" },
      { key: "editable", labelKey: "editable", type: "boolean" },
      { key: "secure", labelKey: "secure", type: "boolean" },
      { key: "showOnPopover", labelKey: "popover", type: "boolean" },
    ],
    fields: [
      { name: "label", labelKey: "label", type: "text", required: true },
      { name: "name", labelKey: "variableName", type: "text", required: true, hintKey: "variableNameHint", mono: true },
      { name: "type", labelKey: "type", type: "enum", options: ["string", "integer", "boolean", "datetime"], enumKey: "type_", default: "string" },
      { name: "order", labelKey: "order", type: "integer", default: 100, hintKey: "orderHint" },
      { name: "defaultValue", labelKey: "defaultValue", type: "text", nullable: true, hintKey: "defaultValueHint" },
      { name: "editable", labelKey: "editable", type: "checkbox", default: false, hintKey: "editableHint" },
      { name: "secure", labelKey: "secure", type: "checkbox", default: false, hintKey: "secureHint" },
      { name: "showOnPopover", labelKey: "showOnPopover", type: "checkbox", default: false, hintKey: "showOnPopoverHint" },
    ],
  },
  {
    id: "campaigns",
    titleKey: "campaigns",
    tabKey: "campaignsShort",
    itemKey: "item_campaign",
    newKey: "newCampaign",
    // J2: each campaign's contact list has its own view (upload, results).
    rowAction: { key: "contacts", labelKey: "contacts" },
    columns: [
      { key: "name", labelKey: "name" },
      { key: "teamId", labelKey: "campaignTeam", type: "ref", ref: "teams" },
      { key: "active", labelKey: "campaignActive", type: "boolean" },
      { key: "variables", labelKey: "previewVariables", value: (item) => item.variables.map((variable) => variable.label).join(", "), empty: "none" },
      { key: "callerEntryPointId", labelKey: "callerId", type: "ref", ref: "entry-points", empty: "ownNumber" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "teamId", labelKey: "campaignTeam", type: "select", ref: "teams", required: true, hintKey: "campaignTeamHint" },
      { name: "active", labelKey: "campaignActive", type: "checkbox", default: true, hintKey: "campaignActiveHint" },
      { name: "variables", labelKey: "previewVariables", type: "variables", hintKey: "previewVariablesHint" },
      { name: "callerEntryPointId", labelKey: "callerId", type: "select", ref: "entry-points", nullable: true, hintKey: "callerIdHint" },
      { name: "previewSeconds", labelKey: "previewSeconds", type: "integer", min: 10, max: 900, default: 60, hintKey: "previewSecondsHint" },
    ],
  },
  {
    id: "address-book",
    titleKey: "addressBook",
    itemKey: "item_addressBookEntry",
    newKey: "newAddressBookEntry",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "number", labelKey: "number", type: "mono" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "number", labelKey: "number", type: "dialNumber", required: true, hintKey: "numberHint" },
    ],
  },
  {
    id: "trunks",
    titleKey: "trunks",
    itemKey: "item_trunk",
    newKey: "newTrunk",
    columns: [
      { key: "name", labelKey: "name" },
      { key: "address", labelKey: "trunkAddress", type: "mono", value: (item) => item.port ? `${item.address}:${item.port}` : item.address },
      { key: "inbound", labelKey: "trunkInbound", type: "boolean" },
      { key: "outbound", labelKey: "trunkOutbound", type: "boolean" },
      { key: "passwordSet", labelKey: "trunkCredentials", type: "boolean" },
    ],
    fields: [
      { name: "name", labelKey: "name", type: "text", required: true },
      { name: "address", labelKey: "trunkAddress", type: "text", required: true, hintKey: "trunkAddressHint" },
      { name: "port", labelKey: "trunkPort", type: "integer", min: 1, max: 65535, nullable: true, hintKey: "trunkPortHint" },
      { name: "matchesPort", labelKey: "trunkMatchesPort", type: "checkbox", default: false, hintKey: "trunkMatchesPortHint" },
      { name: "inbound", labelKey: "trunkInbound", type: "checkbox", default: true, hintKey: "trunkInboundHint" },
      { name: "outbound", labelKey: "trunkOutbound", type: "checkbox", default: true, hintKey: "trunkOutboundHint" },
      { name: "username", labelKey: "trunkUsername", type: "text", nullable: true, hintKey: "trunkUsernameHint" },
      { name: "password", labelKey: "trunkPassword", type: "password", keepIfEmpty: true, hintKey: "trunkPasswordHint" },
    ],
  },
  {
    id: "directory",
    titleKey: "directory",
    itemKey: "item_expert",
    newKey: "newExpert",
    itemName: (item) => `${item.firstName} ${item.lastName}`,
    sort: (a, b) => a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName),
    columns: [
      { key: "name", labelKey: "name", value: (item) => `${item.firstName} ${item.lastName}` },
      { key: "role", labelKey: "role" },
      { key: "department", labelKey: "department" },
      { key: "businessNumber", labelKey: "businessNumber", type: "mono", empty: "none" },
      { key: "presence", labelKey: "presence", type: "enum", enumKey: "presence_" },
    ],
    fields: [
      { name: "firstName", labelKey: "firstName", type: "text", required: true },
      { name: "lastName", labelKey: "lastName", type: "text", required: true },
      { name: "role", labelKey: "role", type: "text", required: true },
      { name: "department", labelKey: "department", type: "text", required: true },
      { name: "businessNumber", labelKey: "businessNumber", type: "dialNumber", nullable: true, hintKey: "businessNumberHint" },
      { name: "presence", labelKey: "presence", type: "enum", options: presence, enumKey: "presence_", default: "available" },
    ],
  },
];

/** The display name of an item of `list`. */
export function itemName(list, item) {
  return list.itemName ? list.itemName(item) : item.name ?? item.id;
}
