import Testing
import WorkflowFile

/// A minimal valid stage on lines 7-9, after `header`.
let stageA = """
      - id: a
        owner: demand
        signoffs: [demand]

    """

/// Top level, roles and calendar: one broken file per rule.
let topLevelCases: [BrokenFile] = [
    BrokenFile(
        name: "missing workflow key",
        yaml: "roles:\n  leader: L\n  sponsor: S\nstages:\n  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:1:1: error:", phrase: "missing required key 'workflow'"),
    BrokenFile(
        name: "missing roles key",
        yaml: "workflow: w\nstages:\n  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:1:1: error:", phrase: "missing required key 'roles'"),
    BrokenFile(
        name: "missing stages key",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: S\n",
        prefix: "w.yaml:1:1: error:", phrase: "missing required key 'stages'"),
    BrokenFile(
        name: "empty stages",
        yaml: header,
        prefix: "w.yaml:6:1: error:", phrase: "stages is empty"),
    BrokenFile(
        name: "unknown top-level key",
        yaml: header + stageA + "colour: red\n",
        prefix: "w.yaml:10:1: error:", phrase: "unknown key 'colour' in the workflow file"),
    BrokenFile(
        name: "unknown top-level key names the allowed keys",
        yaml: header + stageA + "colour: red\n",
        prefix: "w.yaml:10:1: error:", phrase: "allowed keys: workflow, title, calendar, roles, stages, deciders, agenda, signoff-escalation, action-escalation, notify, proposers, limits, exceptions)"),
    BrokenFile(
        name: "misspelt key gets a suggestion",
        yaml: header + stageA + "titel: W\n",
        prefix: "w.yaml:10:1: error:", phrase: "did you mean 'title'?"),
    BrokenFile(
        name: "bad workflow id",
        yaml: "workflow: Monthly SOP\nroles:\n  leader: L\n  sponsor: S\nstages:\n"
            + "  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:1:11: error:", phrase: "bad workflow id 'Monthly SOP'"),
    BrokenFile(
        name: "bad role id",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: S\n  Demand_Planner: D\nstages:\n"
            + "  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:5:3: error:", phrase: "bad role id 'Demand_Planner'"),
    BrokenFile(
        name: "missing leader role",
        yaml: "workflow: w\nroles:\n  sponsor: S\nstages:\n  - { id: a, owner: sponsor, signoffs: [sponsor] }\n",
        prefix: "w.yaml:2:1: error:", phrase: "missing required role 'leader'"),
    BrokenFile(
        name: "missing sponsor role",
        yaml: "workflow: w\nroles:\n  leader: L\nstages:\n  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:2:1: error:", phrase: "missing required role 'sponsor'"),
    BrokenFile(
        name: "roles as a list",
        yaml: "workflow: w\nroles: [leader, sponsor]\nstages:\n  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:2:8: error:", phrase: "roles must be a mapping of role id to title"),
    BrokenFile(
        name: "role without title",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: S\n  demand: \"\"\nstages:\n"
            + "  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:5:11: error:", phrase: "title of role 'demand' is empty"),
    BrokenFile(
        name: "role map with unknown key",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: { title: S, rank: 1 }\nstages:\n"
            + "  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:4:24: error:", phrase: "unknown key 'rank' in role 'sponsor'"),
    BrokenFile(
        name: "duplicate role that YAML sees as different keys",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: S\n  7: Seven\n  \"7\": Seven again\nstages:\n"
            + "  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:6:3: error:", phrase: "duplicate role '7'"),
    BrokenFile(
        name: "unknown calendar key",
        yaml: header + stageA + "calendar:\n  workdays: [mon]\n  weekend: [sat]\n",
        prefix: "w.yaml:12:3: error:", phrase: "unknown key 'weekend' in calendar (allowed keys: workdays, holidays, zone)"),
    BrokenFile(
        name: "unknown time zone",
        yaml: header + stageA + "calendar:\n  zone: Lyon\n",
        prefix: "w.yaml:11:9: error:", phrase: "unknown time zone 'Lyon' (write an IANA name, Area/City, e.g. Europe/Paris"),
    BrokenFile(
        name: "a time zone by abbreviation",
        yaml: header + stageA + "calendar:\n  zone: CET\n",
        prefix: "w.yaml:11:9: error:", phrase: "unknown time zone 'CET'"),
    BrokenFile(
        name: "calendar not a mapping",
        yaml: header + stageA + "calendar: weekdays\n",
        prefix: "w.yaml:10:11: error:", phrase: "calendar must be a mapping"),
    BrokenFile(
        name: "unknown workday",
        yaml: header + stageA + "calendar:\n  workdays: [mon, tues]\n",
        prefix: "w.yaml:11:19: error:", phrase: "unknown workday 'tues' (did you mean 'tue'?"),
    BrokenFile(
        name: "empty workdays",
        yaml: header + stageA + "calendar:\n  workdays: []\n",
        prefix: "w.yaml:11:13: error:", phrase: "workdays is empty"),
    BrokenFile(
        name: "holiday that is not a real date",
        yaml: header + stageA + "calendar:\n  holidays: [2026-02-30]\n",
        prefix: "w.yaml:11:14: error:", phrase: "bad holiday '2026-02-30'"),
    BrokenFile(
        name: "holiday in another format",
        yaml: header + stageA + "calendar:\n  holidays: [25/12/2026]\n",
        prefix: "w.yaml:11:14: error:", phrase: "YYYY-MM-DD"),
]

/// Stages: ids, owner, sign-offs, role references and the `after` graph.
let stageCases: [BrokenFile] = [
    BrokenFile(
        name: "duplicate stage id",
        yaml: header + stageA + stageA,
        prefix: "w.yaml:10:9: error:", phrase: "duplicate stage id 'a' (it was already used at line 7"),
    BrokenFile(
        name: "bad stage id",
        yaml: header + "  - id: Demand_Review\n    owner: demand\n    signoffs: [demand]\n",
        prefix: "w.yaml:7:9: error:", phrase: "bad stage id 'Demand_Review'"),
    BrokenFile(
        name: "stage without id",
        yaml: header + "  - owner: demand\n    signoffs: [demand]\n",
        prefix: "w.yaml:7:5: error:", phrase: "stage #1 has no id"),
    BrokenFile(
        name: "unknown stage key",
        yaml: header + stageA + "    colour: red\n",
        prefix: "w.yaml:10:5: error:", phrase: "unknown key 'colour' in stage 'a'"),
    BrokenFile(
        name: "stage without owner",
        yaml: header + "  - id: a\n    signoffs: [demand]\n",
        prefix: "w.yaml:7:5: error:", phrase: "stage 'a' has no owner"),
    BrokenFile(
        name: "stage without signoffs",
        yaml: header + "  - id: a\n    owner: demand\n",
        prefix: "w.yaml:7:5: error:", phrase: "stage 'a' has no signoffs"),
    BrokenFile(
        name: "stage with empty signoffs",
        yaml: header + "  - id: a\n    owner: demand\n    signoffs: []\n",
        prefix: "w.yaml:9:15: error:", phrase: "stage 'a' has empty signoffs"),
    BrokenFile(
        name: "unknown role in owner",
        yaml: header + "  - id: a\n    owner: deman\n    signoffs: [demand]\n",
        prefix: "w.yaml:8:12: error:", phrase: "unknown role 'deman' in owner of stage 'a' (did you mean 'demand'?"),
    BrokenFile(
        name: "unknown role lists the roles",
        yaml: header + "  - id: a\n    owner: supply\n    signoffs: [demand]\n",
        prefix: "w.yaml:8:12: error:", phrase: "roles are: leader, sponsor, demand)"),
    BrokenFile(
        name: "unknown role in contributors",
        yaml: header + stageA + "    contributors: [sales]\n",
        prefix: "w.yaml:10:20: error:", phrase: "unknown role 'sales' in contributors of stage 'a'"),
    BrokenFile(
        name: "unknown role in signoffs",
        yaml: header + "  - id: a\n    owner: demand\n    signoffs: [demand, finance]\n",
        prefix: "w.yaml:9:24: error:", phrase: "unknown role 'finance' in signoffs of stage 'a'"),
    BrokenFile(
        name: "role listed twice in signoffs",
        yaml: header + "  - id: a\n    owner: demand\n    signoffs: [demand, demand]\n",
        prefix: "w.yaml:9:24: error:", phrase: "'demand' is listed twice in signoffs of stage 'a'"),
    BrokenFile(
        name: "unknown stage in after",
        yaml: header + stageA + "    after: [gathering]\n",
        prefix: "w.yaml:10:13: error:", phrase: "unknown stage 'gathering' in after of stage 'a'"),
    BrokenFile(
        name: "after as a single value",
        yaml: header + stageA + "    after: a\n",
        prefix: "w.yaml:10:12: error:", phrase: "after of stage 'a' must be a list"),
    BrokenFile(
        name: "stage naming itself in after",
        yaml: header + stageA + "    after: [a]\n",
        prefix: "w.yaml:10:13: error:", phrase: "stage 'a' names itself in after"),
    BrokenFile(
        name: "two-stage cycle",
        yaml: header + stageA + "    after: [b]\n" + "  - id: b\n    owner: demand\n    signoffs: [demand]\n    after: [a]\n",
        prefix: "w.yaml:14:13: error:", phrase: "cycle in after: a -> b -> a"),
    BrokenFile(
        name: "three-stage cycle",
        yaml: header + stageA + "    after: [b]\n"
            + "  - { id: b, owner: demand, signoffs: [demand], after: [c] }\n"
            + "  - { id: c, owner: demand, signoffs: [demand], after: [a] }\n",
        prefix: "w.yaml:12:57: error:", phrase: "cycle in after: a -> b -> c -> a"),
    BrokenFile(
        name: "due zero",
        yaml: header + stageA + "    due: 0\n",
        prefix: "w.yaml:10:10: error:", phrase: "bad due '0' in stage 'a'"),
    BrokenFile(
        name: "due past the 23rd workday",
        yaml: header + stageA + "    due: 24\n",
        prefix: "w.yaml:10:10: error:", phrase: "bad due '24'"),
    BrokenFile(
        name: "due in words",
        yaml: header + stageA + "    due: soon\n",
        prefix: "w.yaml:10:10: error:", phrase: "bad due 'soon'"),
    BrokenFile(
        name: "due with a fraction",
        yaml: header + stageA + "    due: 2.5\n",
        prefix: "w.yaml:10:10: error:", phrase: "a whole number from 1 to 23"),
    BrokenFile(
        name: "a relative due from a stage that is not upstream",
        yaml: header + stageA + "    due: { after: b, workdays: 2 }\n  - { id: b, owner: demand, signoffs: [demand] }\n",
        prefix: "w.yaml:10:19: error:", phrase: "due of stage 'a' counts from 'b', which is not upstream of it"),
    BrokenFile(
        name: "a relative due from an unknown stage",
        yaml: header + stageA + "    due: { after: zz, workdays: 2 }\n",
        prefix: "w.yaml:10:19: error:", phrase: "unknown stage 'zz' in due of stage 'a'"),
    BrokenFile(
        name: "a relative due with too many workdays",
        yaml: header + stageA + "  - { id: b, owner: demand, signoffs: [demand], after: [a], due: { after: a, workdays: 99 } }\n",
        prefix: "w.yaml:10:88: error:", phrase: "bad workdays '99' in due of stage 'b'"),
    BrokenFile(
        name: "a relative due without workdays",
        yaml: header + stageA + "  - { id: b, owner: demand, signoffs: [demand], after: [a], due: { after: a } }\n",
        prefix: "w.yaml:10:66: error:", phrase: "due of stage 'b' has no workdays"),
    BrokenFile(
        name: "notify without a command",
        yaml: header + stageA + "notify: { timeout: 5 }\n",
        prefix: "w.yaml:10:9: error:", phrase: "notify has no command"),
    BrokenFile(
        name: "notify with a zero timeout",
        yaml: header + stageA + "notify: { command: [mail], timeout: 0 }\n",
        prefix: "w.yaml:10:37: error:", phrase: "bad timeout '0' in notify"),
    BrokenFile(
        name: "an unknown word in signoff-escalation",
        yaml: header + stageA + "signoff-escalation: { after: 2, notify: [approvers] }\n",
        prefix: "w.yaml:10:42: error:", phrase: "unknown role 'approvers' in notify of signoff-escalation"),
    BrokenFile(
        name: "action-escalation after zero",
        yaml: header + stageA + "action-escalation: { after: 0, notify: [owner] }\n",
        prefix: "w.yaml:10:29: error:", phrase: "bad after '0' in action-escalation"),
    BrokenFile(
        name: "signers outside signoff-escalation",
        yaml: header + stageA + "action-escalation: { after: 1, notify: [signers] }\n",
        prefix: "w.yaml:10:41: error:", phrase: "unknown role 'signers' in notify of action-escalation"),
]

/// Inputs and escalation ladders.
let inputAndEscalationCases: [BrokenFile] = [
    BrokenFile(
        name: "duplicate input id",
        yaml: header + stageA + "    inputs: [plan, plan]\n",
        prefix: "w.yaml:10:20: error:", phrase: "duplicate input id 'plan' in stage 'a'"),
    BrokenFile(
        name: "bad input id",
        yaml: header + stageA + "    inputs: [Plan]\n",
        prefix: "w.yaml:10:14: error:", phrase: "bad input id 'Plan'"),
    BrokenFile(
        name: "inputs not a list",
        yaml: header + stageA + "    inputs: plan\n",
        prefix: "w.yaml:10:13: error:", phrase: "inputs of stage 'a' must be a list"),
    BrokenFile(
        name: "input without id",
        yaml: header + stageA + "    inputs:\n      - { title: Plan }\n",
        prefix: "w.yaml:11:9: error:", phrase: "an input of stage 'a' has no id"),
    BrokenFile(
        name: "unknown input key",
        yaml: header + stageA + "    inputs:\n      - { id: plan, kind: csv }\n",
        prefix: "w.yaml:11:21: error:",
        phrase: "unknown key 'kind' in input 'plan' of stage 'a' (allowed keys: id, title, format, columns, plan)"),
    BrokenFile(
        name: "unknown format",
        yaml: header + stageA + "    inputs:\n      - { id: plan, format: xlsx }\n",
        prefix: "w.yaml:11:29: error:", phrase: "unknown format 'xlsx' for input 'plan' of stage 'a'"),
    BrokenFile(
        name: "columns with a text format",
        yaml: header + stageA + "    inputs:\n      - { id: plan, format: text, columns: [a] }\n",
        prefix: "w.yaml:11:35: error:", phrase: "columns given for input 'plan' of stage 'a' whose format is text"),
    BrokenFile(
        name: "columns without a format",
        yaml: header + stageA + "    inputs:\n      - { id: plan, columns: [a] }\n",
        prefix: "w.yaml:11:21: error:", phrase: "add `format: csv`"),
    BrokenFile(
        name: "empty columns",
        yaml: header + stageA + "    inputs:\n      - { id: plan, format: csv, columns: [] }\n",
        prefix: "w.yaml:11:34: error:", phrase: "columns of input 'plan' of stage 'a' is empty"),
    BrokenFile(
        name: "columns not a list",
        yaml: header + stageA + "    inputs:\n      - { id: plan, format: csv, columns: family }\n",
        prefix: "w.yaml:11:43: error:", phrase: "columns of input 'plan' of stage 'a' must be a list"),
    BrokenFile(
        name: "columns that are not names",
        yaml: header + stageA + "    inputs:\n      - { id: plan, format: csv, columns: [[a]] }\n",
        prefix: "w.yaml:11:44: error:", phrase: "an entry of columns of input 'plan' of stage 'a' must be a single value"),
    BrokenFile(
        name: "escalation after zero",
        yaml: header + stageA + "    escalation:\n      - { after: 0, notify: [owner] }\n",
        prefix: "w.yaml:11:18: error:", phrase: "bad after '0' in escalation of stage 'a'"),
    BrokenFile(
        name: "escalation steps out of order",
        yaml: header + stageA + "    escalation:\n      - { after: 3, notify: [owner] }\n      - { after: 2, notify: [leader] }\n",
        prefix: "w.yaml:12:18: error:", phrase: "escalation steps of stage 'a' are out of order: after 2 follows after 3"),
    BrokenFile(
        name: "escalation steps with the same after",
        yaml: header + stageA + "    escalation:\n      - { after: 1, notify: [owner] }\n      - { after: 1, notify: [leader] }\n",
        prefix: "w.yaml:12:18: error:", phrase: "out of order: after 1 follows after 1"),
    BrokenFile(
        name: "escalation with empty notify",
        yaml: header + stageA + "    escalation:\n      - { after: 1, notify: [] }\n",
        prefix: "w.yaml:11:29: error:", phrase: "notify of stage 'a' is empty"),
    BrokenFile(
        name: "escalation without notify",
        yaml: header + stageA + "    escalation:\n      - { after: 1 }\n",
        prefix: "w.yaml:11:9: error:", phrase: "an escalation step of stage 'a' has no notify"),
    BrokenFile(
        name: "escalation without after",
        yaml: header + stageA + "    escalation:\n      - { notify: [owner] }\n",
        prefix: "w.yaml:11:9: error:", phrase: "an escalation step of stage 'a' has no after"),
    BrokenFile(
        name: "unknown role in notify",
        yaml: header + stageA + "    escalation:\n      - { after: 1, notify: [owner, boss] }\n",
        prefix: "w.yaml:11:37: error:", phrase: "unknown role 'boss' in notify of stage 'a'"),
    BrokenFile(
        name: "unknown role in notify mentions owner",
        yaml: header + stageA + "    escalation:\n      - { after: 1, notify: [boss] }\n",
        prefix: "w.yaml:11:30: error:", phrase: "or owner for the stage's owner"),
    BrokenFile(
        name: "unknown escalation key",
        yaml: header + stageA + "    escalation:\n      - { after: 1, notify: [owner], email: true }\n",
        prefix: "w.yaml:11:38: error:", phrase: "unknown key 'email' in an escalation step of stage 'a' (allowed keys: after, notify)"),
]

/// Executive decisions and the agenda: `deciders`, stage `requires`, `agenda.constraints`.
let decisionAndAgendaCases: [BrokenFile] = [
    BrokenFile(
        name: "unknown role in deciders",
        yaml: header + stageA + "deciders: [sponsor, finance]\n",
        prefix: "w.yaml:10:21: error:", phrase: "unknown role 'finance' in deciders (roles are: leader, sponsor, demand)"),
    BrokenFile(
        name: "misspelt role in deciders gets a suggestion",
        yaml: header + stageA + "deciders: [demnad]\n",
        prefix: "w.yaml:10:12: error:", phrase: "unknown role 'demnad' in deciders (did you mean 'demand'?"),
    BrokenFile(
        name: "role listed twice in deciders",
        yaml: header + stageA + "deciders: [demand, demand]\n",
        prefix: "w.yaml:10:20: error:", phrase: "'demand' is listed twice in deciders"),
    BrokenFile(
        name: "deciders as a single value",
        yaml: header + stageA + "deciders: demand\n",
        prefix: "w.yaml:10:11: error:", phrase: "deciders must be a list, not a single value (write it like `deciders: [finance]`)"),
    BrokenFile(
        name: "deciders entry that is not a name",
        yaml: header + stageA + "deciders: [{ role: demand }]\n",
        prefix: "w.yaml:10:12: error:", phrase: "an entry of deciders must be a single value, not a mapping"),
    BrokenFile(
        name: "misspelt requirement gets a suggestion",
        yaml: header + stageA + "    requires: [decision]\n",
        prefix: "w.yaml:10:16: error:",
        phrase: "unknown requirement 'decision' in requires of stage 'a' (did you mean 'decisions'? requirements are: decisions)"),
    BrokenFile(
        name: "unknown requirement names the valid ones",
        yaml: header + stageA + "    requires: [decisions, approvals]\n",
        prefix: "w.yaml:10:27: error:", phrase: "unknown requirement 'approvals' in requires of stage 'a' (requirements are: decisions)"),
    BrokenFile(
        name: "requirement listed twice",
        yaml: header + stageA + "    requires: [decisions, decisions]\n",
        prefix: "w.yaml:10:27: error:", phrase: "'decisions' is listed twice in requires of stage 'a'"),
    BrokenFile(
        name: "requires as a single value",
        yaml: header + stageA + "    requires: decisions\n",
        prefix: "w.yaml:10:15: error:", phrase: "requires of stage 'a' must be a list, not a single value"),
    BrokenFile(
        name: "requires as a mapping",
        yaml: header + stageA + "    requires: { decisions: true }\n",
        prefix: "w.yaml:10:15: error:", phrase: "requires of stage 'a' must be a list, not a mapping"),
    BrokenFile(
        name: "unknown stage in agenda constraints",
        yaml: header + stageA + "agenda:\n  constraints: [a, supply-review]\n",
        prefix: "w.yaml:11:20: error:", phrase: "unknown stage 'supply-review' in constraints of agenda (stages are: a)"),
    BrokenFile(
        name: "misspelt stage in agenda constraints gets a suggestion",
        yaml: header + "  - { id: supply-review, owner: demand, signoffs: [demand] }\n"
            + "agenda: { constraints: [suply-review] }\n",
        prefix: "w.yaml:8:25: error:", phrase: "did you mean 'supply-review'?"),
    BrokenFile(
        name: "stage listed twice in agenda constraints",
        yaml: header + stageA + "agenda:\n  constraints: [a, a]\n",
        prefix: "w.yaml:11:20: error:", phrase: "'a' is listed twice in constraints of agenda"),
    BrokenFile(
        name: "unknown key under agenda",
        yaml: header + stageA + "agenda:\n  constraint: [a]\n",
        prefix: "w.yaml:11:3: error:",
        phrase: "unknown key 'constraint' in agenda (did you mean 'constraints'? allowed keys: constraints)"),
    BrokenFile(
        name: "agenda as a list",
        yaml: header + stageA + "agenda: [a]\n",
        prefix: "w.yaml:10:9: error:", phrase: "agenda must be a mapping of keys, not a list"),
    BrokenFile(
        name: "agenda with no value",
        yaml: header + stageA + "agenda:\n",
        prefix: "w.yaml:10:8: error:", phrase: "agenda must be a mapping of keys, not nothing"),
    BrokenFile(
        name: "agenda constraints as a single value",
        yaml: header + stageA + "agenda:\n  constraints: a\n",
        prefix: "w.yaml:11:16: error:", phrase: "constraints of agenda must be a list, not a single value"),
    BrokenFile(
        name: "agenda constraints are not checked when stages could not be read",
        yaml: "workflow: w\nroles:\n  leader: L\n  sponsor: S\nagenda:\n  constraints: [a]\n",
        prefix: "w.yaml:1:1: error:", phrase: "missing required key 'stages'"),
    BrokenFile(
        name: "deciders are not checked when roles could not be read",
        yaml: "workflow: w\nroles: [leader]\ndeciders: [finance]\nstages:\n  - { id: a, owner: leader, signoffs: [leader] }\n",
        prefix: "w.yaml:2:8: error:", phrase: "roles must be a mapping"),
    BrokenFile(
        name: "a workflow-level key inside agenda",
        yaml: header + stageA + "agenda:\n  notify: [a]\n",
        prefix: "w.yaml:11:3: error:", phrase: "unknown key 'notify' in agenda"),
]

/// Problems found by the YAML parser itself, or with the file as a whole.
let yamlCases: [BrokenFile] = [
    BrokenFile(
        name: "duplicate key points at the repeat",
        yaml: header + stageA + "    owner: leader\n",
        prefix: "w.yaml:10:5: error:", phrase: "duplicate key 'owner' (it was already given at line 8"),
    BrokenFile(
        name: "syntax error",
        yaml: "workflow: w\ntitle: a: b\n",
        prefix: "w.yaml:2:9: error:", phrase: "invalid YAML: mapping values are not allowed in this context"),
    BrokenFile(
        name: "unclosed list",
        yaml: "workflow: w\nroles: [a, b\n",
        prefix: "w.yaml:3:1: error:", phrase: "did not find expected ',' or ']' while parsing a flow sequence that starts at line 2"),
    BrokenFile(
        name: "second document",
        yaml: "workflow: w\n---\nteam: []\n",
        prefix: "w.yaml:2:1: error:", phrase: "the file holds more than one YAML document"),
    BrokenFile(
        name: "undefined alias",
        yaml: "workflow: w\nroles: *x\n",
        prefix: "w.yaml:2:8: error:", phrase: "define the anchor `&name` before using `*name`"),
    BrokenFile(
        name: "duplicate key inside a list item",
        yaml: header + stageA + "    id: b\n",
        prefix: "w.yaml:10:5: error:", phrase: "duplicate key 'id' (it was already given at line 7"),
    BrokenFile(
        name: "tab indentation",
        yaml: "workflow: w\nroles:\n\tleader: L\n",
        prefix: "w.yaml:3:1: error:", phrase: "YAML does not allow tabs for indentation"),
    BrokenFile(
        name: "empty file",
        yaml: "# nothing yet\n",
        prefix: "w.yaml:1:1: error:", phrase: "the file is empty"),
    BrokenFile(
        name: "file that is a list",
        yaml: "- workflow: w\n",
        prefix: "w.yaml:1:1: error:", phrase: "the workflow file must be a mapping of keys"),
    BrokenFile(
        name: "team file read as a workflow",
        yaml: "team:\n  - { id: maria, name: Maria, roles: [leader] }\n",
        prefix: "w.yaml:1:1: error:", phrase: "this is a team file, not a workflow"),
]

@Suite("Workflow rules: one broken file, one positioned diagnostic")
struct WorkflowRuleTests {
    @Test(arguments: topLevelCases)
    func topLevel(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(broken.yaml), broken)
    }

    @Test(arguments: stageCases)
    func stages(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(broken.yaml), broken)
    }

    @Test(arguments: inputAndEscalationCases)
    func inputsAndEscalation(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(broken.yaml), broken)
    }

    @Test(arguments: decisionAndAgendaCases)
    func decisionsAndAgenda(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(broken.yaml), broken)
    }

    @Test(arguments: yamlCases)
    func yaml(_ broken: BrokenFile) {
        expectSingle(workflowDiagnostics(broken.yaml), broken)
    }

    @Test func reportsEveryProblemInFileOrder() {
        let yaml = header + """
              - id: a
                owner: supply
                signoffs: [demand]
                due: 40
                after: [nowhere]

            """
        let diagnostics = workflowDiagnostics(yaml)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["8:12", "10:10", "11:13"])
        #expect(diagnostics.count == 3)
        guard diagnostics.count == 3 else { return }
        #expect(diagnostics[0].message.contains("unknown role 'supply' in owner"))
        #expect(diagnostics[1].message.contains("bad due '40'"))
        #expect(diagnostics[2].message.contains("unknown stage 'nowhere' in after"))
    }

    @Test func problemsInDifferentSectionsAreAllReported() {
        let yaml = """
            workflow: W
            roles:
              sponsor: S
            calendar:
              workdays: [someday]
            stages:
              - { id: a, owner: leader, signoffs: [sponsor], due: 0 }
              - { id: a, owner: sponsor, signoffs: [sponsor] }

            """
        let messages = workflowDiagnostics(yaml).map(\.description)
        #expect(messages.count == 6, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("w.yaml:1:11: error: bad workflow id 'W'") })
        #expect(messages.contains { $0.hasPrefix("w.yaml:2:1: error: missing required role 'leader'") })
        #expect(messages.contains { $0.hasPrefix("w.yaml:5:14: error: unknown workday 'someday'") })
        #expect(messages.contains { $0.hasPrefix("w.yaml:7:21: error: unknown role 'leader' in owner") })
        #expect(messages.contains { $0.hasPrefix("w.yaml:7:55: error: bad due '0'") })
        #expect(messages.contains { $0.hasPrefix("w.yaml:8:11: error: duplicate stage id 'a'") })
    }

    @Test func eachCycleIsReportedOnce() {
        let yaml = header + """
              - { id: a, owner: demand, signoffs: [demand], after: [b] }
              - { id: b, owner: demand, signoffs: [demand], after: [a] }
              - { id: c, owner: demand, signoffs: [demand], after: [d] }
              - { id: d, owner: demand, signoffs: [demand], after: [c] }

            """
        let messages = workflowDiagnostics(yaml).map(\.message)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.filter { $0.contains("cycle in after: a -> b -> a") }.count == 1)
        #expect(messages.filter { $0.contains("cycle in after: c -> d -> c") }.count == 1)
    }

    @Test func thrownProblemsPrintOneCompilerStyleLinePerDiagnostic() {
        do {
            _ = try WorkflowFileReader.workflow(yaml: header + "  - id: a\n", file: "Workflows/x.yaml")
            Issue.record("expected problems")
        } catch {
            #expect(
                error.description == """
                    Workflows/x.yaml:7:5: error: stage 'a' has no owner (add `owner: ROLE` naming the role that runs it; roles are: leader, sponsor, demand)
                    Workflows/x.yaml:7:5: error: stage 'a' has no signoffs (add `signoffs: [ROLE, ...]` naming the roles that must approve it)
                    """)
        }
    }
}
