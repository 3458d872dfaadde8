import Foundation
import SOPApp
import SOPCore
import SOPSystem
import SOPText

/// Every command `sop` knows, in the order `help` lists them. Parsing, help, tab completion and the
/// README's command reference all read this table.
public enum CommandTable {
    public static let all: [CommandSpec] = [
        // Session
        spec(["help"], [ArgumentSpec("COMMAND", .command, optional: true, repeating: true)],
             [OptionSpec("--markdown", nil, help: "print the reference as Markdown (the README's command section)")],
             .session, "Show the commands, or one command's help",
             "Without COMMAND: every command with a one-line summary. With COMMAND: its synopsis, rules, options and examples; in the REPL and piped commands the examples name the stages and inputs of the database's workflow (the reference below shows the bundled one), and without a database they say STAGE and INPUT. `help permissions` prints who may run each command that changes the record.",
             ["help", "help submit", "help cycle open", "help permissions"], reference: Handlers.help),
        spec(["whoami"], [], [], .session, "Show who is acting and on which cycle",
             "Acting participant comes from --as, SOP_USER, the operating-system login, or `as`; under a team file's `identity: os`, only from the login.",
             ["whoami"], handler: Handlers.whoami),
        spec(["team"], [], [], .session, "List the participants and their roles",
             "The team is stored in the database when it is created (`sop init --team FILE`, or the bundled Workflows/team.yaml).",
             ["team"], handler: Handlers.team),
        spec(["as"], [ArgumentSpec("PARTICIPANT", .participant)], [], .session, "Act as another participant",
             "Switches who is acting for the rest of the REPL session (or playbook). Every event records its actor. Under a team file's `identity: os`, only the participant whose login is your operating-system account may be named; naming anyone else is refused and recorded in the access log (`log --refused`).",
             ["as dan"], handler: Handlers.actAs),
        spec(["quit"], [], [], .session, "Leave the REPL (also `exit`, or Ctrl-D on an empty line)",
             "Every acknowledged command is already saved; quitting loses nothing.",
             ["quit"], aliases: [["exit"]], handler: Handlers.quit),

        // Cycles
        spec(["cycle", "list"], [], [], .cycle, "List the cycles with their state and progress",
             "The cycle commands act on is marked with `*`. A cycle's state is open, closed or cancelled.", ["cycle list"], handler: Handlers.cycleList),
        spec(["cycle", "use"], [ArgumentSpec("YYYY-MM", .cycle)], [], .cycle, "Choose the cycle later commands act on",
             "Without it, commands act on the most recent open cycle, else the most recent one (or --cycle); never on a cancelled one.",
             ["cycle use 2026-10"], handler: Handlers.cycleUse),
        spec(["cycle", "open"], [ArgumentSpec("YYYY-MM", .cycle, optional: true)],
             [OptionSpec("--workflow", .file, help: "a workflow file to run this cycle on (else the previous cycle's workflow)"),
              OptionSpec("--force", nil, help: "open a month more than one month before or three months after the clock's month")],
             .cycle, "Open a month's cycle (leader)",
             "Opens YYYY-MM (default: the current month) on the workflow --workflow names, else the one the previous cycle used, else the one the database was created with. The cycle pins that workflow's exact version: editing the file later never changes a running cycle. A month more than one month before or three months after the clock's month is refused as a likely typo unless --force. A month whose cycle was cancelled may be opened again.",
             ["cycle open 2026-12", "cycle open 2027-01 --workflow Workflows/six-step.yaml", "cycle open 2027-06 --force"], handler: Handlers.cycleOpen),
        spec(["cycle", "cancel"], [], [OptionSpec("--reason", .text("TEXT"), required: true, help: "why the cycle is cancelled")],
             .cycle, "Cancel a cycle opened by mistake (leader; nothing submitted in it)",
             "Only while no input was submitted and no proposal, decision or action was recorded in the cycle. A cancelled cycle stays in the record (`cycle list`, `log`), takes no more commands, is never the default cycle and counts in no figure (metrics, carry-over). Its month may be opened again with `cycle open`.",
             ["cycle cancel --reason \"typo: meant 2027-01\""], handler: Handlers.cycleCancel),
        spec(["cycle", "close"], [], [], .cycle, "Close the cycle (leader; every stage done or waived)",
             "Refused, naming each unfinished stage, until every stage is done or waived. A closed cycle takes no more commands.",
             ["cycle close"], handler: Handlers.cycleClose),

        // Readiness
        spec(["status"], [ArgumentSpec("STAGE", .stage, optional: true)], [], .readiness,
             "Show every stage's state, due date and what is missing",
             "Without STAGE: one line per stage (state, owner, due, what blocks it: missing inputs, sign-offs, upstream stages, stale sign-offs). With STAGE: its inputs, sign-offs and history in detail.",
             ["status", "status demand-review", "sop --json status"], handler: Handlers.status),
        spec(["why"], [ArgumentSpec("STAGE", .stage)], [], .readiness, "Explain what blocks a stage and who must act",
             "Sentences: the stage's state, lateness, missing or rejected inputs, stale sign-offs and the change that made them stale, and who holds the roles that must act.",
             ["why supply-review"], handler: Handlers.why),
        spec(["log"], [],
             [OptionSpec("--stage", .stage, help: "only events of this stage"), OptionSpec("--limit", .number, help: "only the newest N events (or refused attempts)"),
              OptionSpec("--refused", nil, help: "the access log instead: refused attempts (leader and sponsor only)")],
             .readiness, "Show who did what, when",
             "The cycle's events, oldest first, with sequence number, time (UTC), actor and what happened. With --refused: the access log, kept apart from the events: every attempt refused for who was acting (naming someone else under `identity: os`, a participant not on the team) or for permission, with its time, operating-system account, the participant claimed or acting, the command line, the rule and why. Only the leader and the sponsor may read it; anyone else's attempt is refused and logged too.",
             ["log", "log --stage demand-review --limit 5", "log --refused --limit 20"], handler: Handlers.log),

        // Stage work
        spec(["submit"], [ArgumentSpec("STAGE", .stage), ArgumentSpec("INPUT", .input), ArgumentSpec("FILE", .file)],
             [OptionSpec("--note", .text("TEXT"), alternativeToArgument: true, help: "a text note instead of a file"),
              OptionSpec("--link", .text("URL"), alternativeToArgument: true, help: "a link instead of a file")],
             .stage, "Submit (or resubmit) a stage input",
             "Allowed to holders of the stage's owner or contributor roles, and the leader, once the stage's gate is met. Files are stored in the database under their SHA-256. CSV inputs are checked: UTF-8, a header with the workflow's required columns, one value per column on every row. A resubmission makes existing sign-offs of the stage stale, and those of every stage downstream.",
             ["submit demand-review unconstrained-forecast forecast.csv", "submit demand-review demand-assumptions --note \"Promo in week 47\"", "submit execution published-plan --link https://erp.example.com/plans/2026-11"],
             handler: Handlers.submit),
        spec(["show"], [ArgumentSpec("STAGE", .stage), ArgumentSpec("INPUT", .input)],
             [OptionSpec("--version", .number, help: "an earlier version (default: the newest)"),
              OptionSpec("--output", .file, help: "write it to FILE instead of stdout (never over an existing file)"),
              OptionSpec("--force", nil, help: "let --output replace an existing FILE"),
              OptionSpec("--history", nil, help: "list every version: who, when, size, SHA-256")],
             .stage, "Read back a submitted input, byte for byte, or its history",
             "A file is written to stdout exactly as it was submitted (its bytes are checked against their SHA-256 first), so `sop show STAGE INPUT > copy.csv` gives back the very file; on a terminal a CSV is laid out as a table under a heading line instead, and a file that is not text is not written to a terminal. A note prints its text, a link its URL. --version N reaches an earlier version of the cycle's input. --output FILE writes it atomically (whole or not at all) and refuses to replace an existing FILE unless --force. --history lists every version with who submitted it, when (UTC), its size, SHA-256 prefix and any rejection; `--json` reports the version and the history (not the bytes). Anyone on the team may run it; it needs no acting participant.",
             ["show demand-review unconstrained-forecast", "show demand-review unconstrained-forecast --version 1 --output forecast-v1.csv", "show demand-review unconstrained-forecast --history"],
             handler: Handlers.show),
        spec(["signoff"], [ArgumentSpec("STAGE", .stage)],
             [OptionSpec("--comment", .text("TEXT"), help: "a remark kept with the sign-off"),
              OptionSpec("--role", .role, help: "which of your roles to sign for, when you hold several")],
             .stage, "Sign off a stage for one of your roles",
             "Needs a participant holding one of the stage's sign-off roles that has no current sign-off; refused while the stage is waiting or open, or while an upstream stage is not done. The sign-off records the version of every input and upstream stage; when one changes it goes stale.",
             ["signoff demand-review --comment \"Consensus reached\"", "signoff pre-sop --role finance"], handler: Handlers.signoff),
        spec(["reject"], [ArgumentSpec("STAGE", .stage)],
             [OptionSpec("--reason", .text("TEXT"), required: true, help: "why, for the submitter"),
              OptionSpec("--input", .input, help: "reject only this input (default: every submitted input)")],
             .stage, "Send a stage back: inputs must be resubmitted, sign-offs are cleared",
             "By a holder of one of the stage's sign-off roles, or the leader. The stage returns to open; stages downstream of a done stage see their sign-offs go stale.",
             ["reject supply-review --input supply-plan --reason \"Capacity for line 2 missing\""], handler: Handlers.reject),
        spec(["waive"], [ArgumentSpec("STAGE", .stage)],
             [OptionSpec("--reason", .text("TEXT"), required: true, help: "why the stage is skipped this month")],
             .stage, "Skip a stage this cycle (leader); counts as done for gates",
             "Only the leader, with a reason, on a stage that is not done. Waived stages count as done for gates and for closing the cycle.",
             ["waive product-review --reason \"No portfolio changes this month\""], handler: Handlers.waive),

        // Executive S&OP
        spec(["balance"], [], [OptionSpec("--family", .text("FAMILY"), help: "one product family only")],
             .plan, "Can supply meet demand? The S&OP grid per family and month, then the exceptions",
             """
             Reads the cycle's plans of record (the current version of each `plan:` input, or the scenario a decision promoted) and shows, per product family and month over the horizon (the demand plan's months from the cycle's month on): demand, supply, gap (demand − supply, positive: short), projected inventory (last month's + supply − demand, from the inventory snapshot's quantity; a `!` marks a shortage, `*` a month under safety stock), months of cover, revenue and budget. Then, per resource and month, the utilisation of the capacity plan. Then the exceptions: shortage, below-safety-stock, supply-gap, over-capacity, below-budget and forecast-error, with the thresholds of the workflow's `exceptions:`. Months are columns, paged to fit the terminal. Anyone on the team may run it.
             """,
             ["balance", "balance --family Lounge", "sop --json balance"], handler: Handlers.balance),
        spec(["plan", "diff"], [], [OptionSpec("--against", .month, help: "the earlier cycle to compare with (default: the previous one)")],
             .plan, "What changed in the plan since last month: demand and supply, largest changes first",
             "This cycle's demand and supply plans of record against an earlier cycle's (the most recent one not cancelled, or --against YYYY-MM), over the months both plans hold, each change with before, after and delta, sorted by the size of the change. A family in one plan only shows with the other side empty.",
             ["plan diff", "plan diff --against 2026-09", "sop --json plan diff"], handler: Handlers.planDiff),
        spec(["accuracy"], [],
             [OptionSpec("--lag", .number, help: "how many cycles before the month the forecast was made (default 1)"),
              OptionSpec("--months", .number, help: "how many of the latest target months to measure (default 12)"),
              OptionSpec("--family", .text("FAMILY"), help: "one product family only")],
             .plan, "How good were the forecasts? Lag-K WMAPE, MAPE, bias, tracking signal and value added",
             """
             For each target month, the forecast is the demand plan of record of the cycle K months before (every cycle's forecast is kept unchanged in the record), the actual the most recent actuals that hold the month. Over the last N months with both (cancelled cycles never count), per family and in total: WMAPE = Σ|F−A| / ΣA, MAPE = mean |F−A| / A, bias = Σ(F−A) / ΣA (positive: over-forecast), tracking signal = Σ(A−F) / MAD (|TS| > 4 calls for review), and FVA = naive WMAPE − WMAPE against the naive forecast A(m−K) (positive: the forecast adds value). Then the points behind the figures and a trend per target month. A figure that cannot be computed shows as -, null in JSON.
             """,
             ["accuracy", "accuracy --lag 2 --months 24", "accuracy --family Lounge", "sop --json accuracy"], handler: Handlers.accuracy),
        spec(["scenario", "add"], [ArgumentSpec("NAME", .text("NAME")), ArgumentSpec("STAGE", .stage), ArgumentSpec("INPUT", .input), ArgumentSpec("FILE", .file)], [],
             .plan, "Add a what-if version of a plan input, to compare and decide on",
             "NAME is a lowercase id unique in the cycle (not `baseline`). Needs the right to submit INPUT, and the file passes the input's checks. A scenario changes nothing until a decision chooses it: `propose TEXT --scenarios A,B` makes scenarios the options, and the decision whose --option names one promotes it to the plan of record of its input in this cycle (balance, plan diff, accuracy and the agenda read it); a decision superseding it promotes its own option's scenario, or restores the submitted version.",
             ["scenario add overtime supply-review supply-plan supply-overtime.csv"], handler: Handlers.scenarioAdd),
        spec(["scenario", "list"], [], [], .plan, "The cycle's scenarios, and which decision promoted one",
             "Each scenario with its stage and input, who added it and when, and `promoted by D-N` when a decision in force chose it.",
             ["scenario list", "sop --json scenario list"], handler: Handlers.scenarioList),
        spec(["scenario", "compare"], [ArgumentSpec("NAME", .text("NAME"), optional: true, repeating: true)], [],
             .plan, "The scenarios side by side with the submitted plan, on the same figures",
             "For the submitted plans (the baseline) and each scenario put in its input's place: total demand and supply over the horizon, the largest shortage, the months short, the ending inventory and revenue, in total and per family, computed by the same balance as `balance`. Without NAME, every scenario of the cycle.",
             ["scenario compare", "scenario compare overtime outsource", "sop --json scenario compare"], handler: Handlers.scenarioCompare),
        spec(["propose"], [ArgumentSpec("TEXT", .text("TEXT"))],
             [OptionSpec("--stage", .stage, help: "the stage the question comes from"),
              OptionSpec("--options", .text("\"A|B|C\""), help: "the choices, separated by |"),
              OptionSpec("--scenarios", .text("A,B"), help: "scenarios of the cycle as the choices (`baseline`: the submitted plan)")],
             .executive, "Raise a decision request for the executive meeting",
             "By the leader or a holder of a proposer role (the workflow's `proposers:`, by default the sign-off roles of the stages the decision meeting comes after). Proposals are numbered P-1, P-2... across the database. Each must be decided or deferred before the executive meeting signs off (a stage with `requires: [decisions]`) and before the cycle closes.",
             ["propose \"Add a Saturday shift on line 2 in December\" --stage supply-review --options \"Overtime|Outsource|Accept backlog\""],
             handler: Handlers.propose),
        spec(["proposals"], [], [], .executive, "List the cycle's decision requests (open, decided, deferred)",
             "The proposals raised in this cycle, deferred into it, or still open from earlier cycles, with their state: open, decided (and by which decision), or deferred (and to which month).",
             ["proposals", "sop --json proposals"], handler: Handlers.proposals),
        spec(["decide"], [ArgumentSpec("P-N", .proposal, optional: true), ArgumentSpec("TEXT", .text("TEXT"))],
             [OptionSpec("--rationale", .text("TEXT"), required: true, help: "why: kept with the decision"),
              OptionSpec("--option", .proposalOption, help: "the option chosen, when the proposal lists options"),
              OptionSpec("--supersedes", .decision, help: "the earlier decision this one replaces")],
             .executive, "Record an executive decision (sponsor or a decider role)",
             "Answers proposal P-N, or records a decision of its own. When the proposal lists options, --option names the one chosen. Decisions are never edited: a new one with --supersedes D-N replaces an earlier one, and both stay on record.",
             ["decide P-1 \"Run Saturday overtime in December\" --option Overtime --rationale \"Cheapest way to protect the launch\"", "decide \"Freeze the Q1 price list\" --rationale \"Margin below plan\"", "decide P-1 \"Outsource instead\" --option Outsource --rationale \"Union declined\" --supersedes D-1"],
             handler: Handlers.decide),
        spec(["defer"], [ArgumentSpec("P-N", .proposal)],
             [OptionSpec("--to", .month, required: true, help: "the later cycle that must decide it"),
              OptionSpec("--reason", .text("TEXT"), required: true, help: "why not now")],
             .executive, "Move a proposal to a later cycle (sponsor, decider or leader)",
             "The proposal stops blocking this cycle and appears as open in the cycle it is deferred to.",
             ["defer P-2 --to 2027-01 --reason \"Wait for the Q1 price list\""], handler: Handlers.deferProposal),
        spec(["decisions"], [], [OptionSpec("--all-cycles", nil, help: "every decision in the database")],
             .executive, "List the decisions recorded in the cycle",
             "Each decision with who made it, when, the proposal it answers, its rationale, and what it supersedes or was superseded by.",
             ["decisions", "decisions --all-cycles"], handler: Handlers.decisions),
        spec(["agenda"], [],
             [OptionSpec("--format", .format, help: "text (default), markdown, json or html (the meeting pack; needs --output)"),
              OptionSpec("--output", .file, help: "write it to FILE, replacing FILE in one step (a rerun rewrites the pack)")],
             .executive, "The executive S&OP agenda, from the cycle's own records",
             "The ten questions of the executive meeting, answered from the records and the plan figures (the same values `balance`, `plan diff`, `accuracy` and `scenario compare` show): 1. what changed since last month (the largest plan changes against the previous cycle's plan, decisions since the last meeting, resubmissions, reopened stages, new proposals); 2. stage performance against due dates; 3. product families: last month's actual against its lag-1 forecast, with WMAPE and bias; 4. on plan financially: revenue against budget per family over the horizon; 5. risks and exceptions (rejections, stale sign-offs, waivers, overdue actions, and the balance's exceptions, one line per family or resource naming its months); 6. decisions needed now, each open proposal whose options are scenarios with their comparison, and the decisions recorded; 7. product development and the other review outcomes (notes and sign-off comments); 8. critical constraints: over-capacity, shortages and the workflow's `agenda: constraints:` stages; 9. long-term plan: the horizon's last three months against the budget; 10. follow-up actions. Without plan inputs (or before the demand plan) the figure sections say so in one line. Markdown is the pre-read to mail out as it is; `--format json` adds `planFigures`, `plan`, `planChanges`, `accuracy`, `finance`, `exceptionGroups` and `scenarios`. `--format html --output FILE` writes the meeting pack: one self-contained HTML file (inline CSS and SVG, nothing fetched from the network) with the same sections and the figures drawn (each family's demand, supply and projected inventory against its safety stock, its actuals against forecast, the accuracy trend, the stages on a timeline, revenue against budget, the scenarios under each open proposal), ready to mail or print.",
             ["agenda", "agenda --format markdown", "agenda --format html --output pack.html"], handler: Handlers.agenda),

        // Follow-up actions
        spec(["action", "add"], [ArgumentSpec("TITLE", .text("TITLE"))],
             [OptionSpec("--owner", .participant, required: true, help: "who does it"),
              OptionSpec("--due", .date, required: true, help: "when it is due"),
              OptionSpec("--decision", .decision, help: "the decision it follows from"),
              OptionSpec("--stage", .stage, help: "the stage it concerns")],
             .actions, "Add a follow-up action (anyone)",
             "Actions are numbered A-1, A-2... across the database. An open action carries over: later cycles' status, actions and agenda show it until it is done or cancelled.",
             ["action add \"Confirm Saturday shifts with the works council\" --owner omar --due 2026-12-04 --decision D-1"],
             handler: Handlers.actionAdd),
        spec(["action", "done"], [ArgumentSpec("A-N", .action)], [OptionSpec("--note", .text("TEXT"), help: "what was done")],
             .actions, "Complete an action (its owner or the leader)", "Closes the action; it stops carrying over.",
             ["action done A-1 --note \"Agreed for 3 Saturdays\""], handler: Handlers.actionDone),
        spec(["action", "cancel"], [ArgumentSpec("A-N", .action)], [OptionSpec("--reason", .text("TEXT"), required: true, help: "why it is no longer needed")],
             .actions, "Cancel an action (its owner or the leader)", "Closes the action without doing it; the reason stays on record.",
             ["action cancel A-2 --reason \"Superseded by D-2\""], handler: Handlers.actionCancel),
        spec(["action", "reassign"], [ArgumentSpec("A-N", .action)], [OptionSpec("--owner", .participant, required: true, help: "the new owner")],
             .actions, "Give an action to someone else (its owner or the leader)", "The new owner may then complete, cancel or reassign it.",
             ["action reassign A-1 --owner lee"], handler: Handlers.actionReassign),
        spec(["actions"], [],
             [OptionSpec("--mine", nil, help: "only actions you own"), OptionSpec("--open", nil, help: "only open actions"),
              OptionSpec("--overdue", nil, help: "only open actions past due"), OptionSpec("--all-cycles", nil, help: "actions of every cycle")],
             .actions, "List follow-up actions, carried-over ones included",
             "The cycle's own actions, open actions carried over from earlier cycles, and earlier ones closed during this cycle. Overdue counts workdays.",
             ["actions", "actions --mine --open", "actions --overdue"], handler: Handlers.actions),

        // Deadlines, escalations and process health
        spec(["calendar"], [], [], .deadlines, "Draw the month as a timeline: due days, done days, today, lateness",
             "One row per stage with its state, one column per workday of the cycle's month (weekends and holidays are not columns): D marks the due day, ✓ the day the stage was done (w waived), ! each workday it is or was late, ▼ today. After the grid: `on time`, `2 late`, `3 left`, or a relative due rule not yet dated (`+2 after demand-review`); a date outside the month is spelt out and marked < or >. Counts are the ones `status` shows. Fits 80 columns; coloured only on a terminal (NO_COLOR turns colour off).",
             ["calendar", "sop --json calendar"], handler: Handlers.calendar),
        spec(["escalate"], [], [], .deadlines, "Run the escalation ladders now and send pending notifications",
             "Evaluates every open cycle at the current clock: a stage past due climbs its `escalation:` ladder (`after: N` workdays past due), a stage in review climbs the workflow's `signoff-escalation:` (`after: N` workdays in review), an open action past due climbs `action-escalation:`. Each rung fires once and is recorded as an event; it notifies the participants holding the roles it names (`owner` is the stage's owner role, or the action's owner; `signers` the roles whose sign-off is missing). An escalation resolves when its stage is done or waived, or its action closed. Then the workflow's `notify:` command runs once per pending notification; a failure is recorded and retried on the next `escalate`. Running it twice, or from two processes at once, raises nothing twice. The REPL runs the ladders before every command; cron runs `sop escalate`. Needs no acting participant: escalations are recorded as `system`.",
             ["escalate", "sop escalate"], handler: Handlers.escalate),
        spec(["escalations"], [], [OptionSpec("--all", nil, help: "resolved ones too")], .deadlines,
             "List live escalations with level, age and who was told",
             "Without --all: the escalations still live (the cycle's stages, and overdue actions it sees). With --all: every escalation raised in the cycle, resolved ones with when and why.",
             ["escalations", "escalations --all"], handler: Handlers.escalations),
        spec(["inbox"], [], [OptionSpec("--all", nil, help: "acknowledged ones too")], .deadlines,
             "Your notifications, newest first",
             "What the escalations told you: number (for `ack`), when, level, the subject, and whether the notify command delivered it. Unacknowledged ones only, unless --all.",
             ["inbox", "inbox --all"], handler: Handlers.inbox),
        spec(["ack"], [ArgumentSpec("N", .number, repeating: true)],
             [OptionSpec("--all", nil, alternativeToArgument: true, help: "every notification in your inbox")], .deadlines,
             "Acknowledge notifications: they leave your inbox",
             "Only your own notifications. Acknowledging does not resolve the escalation: that happens when the stage is done or the action closed.",
             ["ack 3", "ack 3 4", "ack --all"], handler: Handlers.ack),
        spec(["metrics"], [], [OptionSpec("--cycles", .number, help: "how many of the newest cycles to measure (default 6)")],
             .deadlines, "Process health: on-time stages, sign-off waits, decision and action timeliness",
             """
             Measures the newest N cycles (default 6), whichever cycle is in use. Lateness is in workdays of the workflow's calendar, by the same rule as `status`; a median of an even count is the mean of the two middle values.

             Per stage, over the cycles where it has a due date: ON TIME is the stages first done on or before their due day, out of those done on time, done late (LATE) and still open past due today (OVERDUE). A stage not done and not yet due is pending and not counted; a waived stage is counted apart (WAIVED), never as on time or late. A stage is judged on the first time it became done in the cycle: reopening it later (a resubmission, a stale sign-off) does not undo an on-time delivery. A `due: { after: STAGE }` date counts from STAGE's completion as it stood at that moment. MEDIAN LATE is the median workdays past due over the late and overdue ones (an open one counted to today). SIGN-OFF WAIT is the median calendar time (hours and days, not workdays) from the stage entering review to it becoming done, over every review that ended done.

             Decisions: of the proposals raised in those cycles, how many were decided and how many are still undecided (or deferred), and the median and longest calendar days from the proposal to the first decision answering it.

             Actions: of those added in those cycles, the ones done with no workday past their due day, out of those done, done late and still open past due today; open ones not yet due and cancelled ones are not counted.
             """,
             ["metrics", "metrics --cycles 12", "sop --json metrics"], handler: Handlers.metrics),

        // Record, audit and backup
        spec(["audit", "verify"], [], [], .record, "Re-check the hash chain of every event, the artifacts and the derived records",
             "Every event carries the SHA-256 of the previous event's hash and its own content; the first links to the genesis, which seals the team and the database's settings. `audit verify` walks the whole chain, re-hashes every artifact and workflow version, re-derives the cycles, follow-ups and escalations from the events, and reads every plan file again to compare the values the figures read. Any row edited, deleted or inserted outside sop (with the `sqlite3` shell, say) shows up: it prints every finding, the first broken sequence number, and exits 1. A sound record prints one line with the newest event's hash (the head): note it in the meeting minutes, and a later rewrite of the whole chain is detectable too. Needs no acting participant.",
             ["audit verify", "sop --json audit verify"], handler: Handlers.auditVerify),
        spec(["check"], [], [], .record, "SQLite's integrity check plus the audit: is this database sound?",
             "Runs SQLite's `PRAGMA integrity_check` and foreign-key check over the whole file, then `audit verify`. Exit 0 with a two-line summary when both pass; otherwise the problems and exit 1. Run it from cron beside `sop escalate`, and before trusting a restored backup. Needs no acting participant.",
             ["check", "sop --db /srv/sop/plant.db check"], handler: Handlers.check),
        spec(["backup"], [ArgumentSpec("FILE", .file)], [], .record, "Write a consistent copy of the database to FILE, while others work",
             "Uses SQLite's online backup API from one read snapshot: other participants keep writing, and the copy holds exactly what was committed when it started. The copy is written under a temporary name, checked (integrity and audit) and only then put at FILE, so FILE is either a whole, verified backup or absent. Refused if FILE exists. Restore by copying the file back (with no sop running) or by pointing --db at it. Needs no acting participant.",
             ["backup /backups/sop-2026-11-30.db", "sop --db /srv/sop/plant.db backup /backups/plant-nightly.db"], handler: Handlers.backup),

        spec(["copy"], [], [OptionSpec("--to", .text("DB"), required: true, help: "a new SQLite file, or an empty PostgreSQL database (postgresql://...)")],
             .record, "Copy the whole record to another store: SQLite file ↔ PostgreSQL",
             "How a team moves from the embedded file to a shared server without losing a month, and takes a server's record back into a file. Every table is copied as stored, from one snapshot, into a new file or an empty database (the owner creates it with createdb; sop puts the schema in): the genesis is sealed again from the copied team and settings, every event goes in in order (a server re-checks each link), and the copy is audited and must end on this record's head hash. A file is written under a temporary name and put in place only when verified; a server's copy is one transaction. Needs no acting participant.",
             ["sop --db sop.db copy --to postgresql://owner@db.example/sop", "sop --db postgresql://owner@db.example/sop copy --to archive-2026.db"],
             handler: Handlers.copy),
        spec(["roles"], [],
             [OptionSpec("--sql", nil, required: true, help: "print the SQL (the only form there is: sop never runs it itself)"),
              OptionSpec("--database", .text("NAME"), help: "the PostgreSQL database the grants are for (default: the one --db names)")],
             .record, "Print the SQL that gives each participant a database login with only sop's rights",
             "For a shared record on PostgreSQL: one LOGIN role per participant with a `login` in the team, named by it, with exactly the rights sop needs (read the record, add events, update the current-record tables; never UPDATE, DELETE or TRUNCATE history). The database owner runs it with `psql -d DBNAME -f roles.sql` and then sets each password (`\\password LOGIN` in psql): no password is ever printed. Running it again after a team change is safe. Needs no acting participant.",
             ["sop --db postgresql://owner@db.example/sop roles --sql", "sop --db plant.db roles --sql --database sop"],
             handler: Handlers.roles),

        // Command line only
        spec(["init"], [],
             [OptionSpec("--workflow", .file, help: "workflow file (default: the bundled Workflows/monthly-sop.yaml)"),
              OptionSpec("--team", .file, help: "team file (default: the bundled Workflows/team.yaml)")],
             .setup, "Create the database (refused if it exists)",
             "Creates the --db file from the given (or bundled) workflow and team. Unlike a database created on first use, it opens no cycle: the leader runs `cycle open`.",
             ["sop --db plant.db init --workflow Workflows/six-step.yaml --team Workflows/team.yaml"],
             commandLine: .initialize),
        spec(["play"], [ArgumentSpec("FILE", .file, repeating: true)], [], .setup,
             "Run playbooks: REPL commands plus expect lines",
             "Runs each file's lines as REPL commands (`#` comments and blank lines skipped). `expect STAGE STATE` fails unless the stage is in that state; `expect-refused COMMAND...` fails unless the command is refused (and checks the refusal changed nothing); `expect-figure COMMAND... PATH VALUE` fails unless the figure at PATH of the command's JSON is VALUE. `expect P-1 decided` (and `D-N`/`A-N` forms) checks follow-up items, `expect cycle cancelled` the cycle's state; `clock YYYY-MM-DD[THH:MM]` moves the playbook's clock forward. Stops at the first failure with FILE:LINE:. A missing database is created without opening a cycle: the playbook opens its own. When the first playbook's first command is a `clock` line, a missing database is created at that clock, so the playbook runs the same whatever today's date is.",
             ["sop --db tour.db play Playbooks/first-cycle.sop"],
             commandLine: .play),
        spec(["workflow", "check"], [ArgumentSpec("FILE", .file, repeating: true)], [], .setup,
             "Check workflow or team files",
             "Reports every problem as FILE:LINE:COL: error: message and exits 1; a valid file prints a one-line summary.",
             ["sop workflow check Workflows/monthly-sop.yaml Workflows/team.yaml"],
             commandLine: .checkWorkflows),

        // Playbook lines
        spec(["expect"], [ArgumentSpec("SUBJECT", .text("STAGE|P-N|D-N|A-N|E-N|cycle")), ArgumentSpec("STATE", .state)], [], .playbook,
             "Check a stage's, a follow-up item's, an escalation's or the cycle's state",
             "`expect STAGE STATE` (waiting, open, review, done, waived); `expect P-N open|decided|deferred`, `expect D-N in-force|superseded`, `expect A-N open|done|cancelled` as the current cycle sees the item; `expect E-N live|resolved`; `expect cycle open|closed|cancelled`. A playbook stops at the first expectation that fails, with FILE:LINE:.",
             ["expect demand-review review", "expect P-1 decided", "expect E-1 resolved"], playbookLine: .expect),
        spec(["expect-refused"], [ArgumentSpec("COMMAND", .command, repeating: true)], [], .playbook,
             "Check that a command is refused and changes nothing",
             "Runs COMMAND and fails unless it is refused; then checks that the refusal changed nothing in the record.",
             ["expect-refused signoff supply-review"], playbookLine: .expectRefused),
        spec(["expect-figure"], [ArgumentSpec("COMMAND", .command, repeating: true), ArgumentSpec("PATH", .text("PATH")), ArgumentSpec("VALUE", .text("VALUE"))], [], .playbook,
             "Check a figure in a command's JSON",
             "Runs COMMAND (a read command: one that changes the record fails the check), takes the value at PATH in its `--json` answer and fails unless it is VALUE. PATH is keys joined by dots, with `[N]` for a position or `[KEY=VALUE]` for the list element whose KEY has that value: `families[family=outdoor].months[month=2026-12].gap`. A number matches when the figure rounds to it at VALUE's decimals; `null` matches a figure that cannot be computed.",
             ["expect-figure accuracy --lag 1 total.wmape 0.12", "expect-figure balance families[family=outdoor].months[0].gap 200"],
             playbookLine: .expectFigure),
        spec(["expect-inbox"], [ArgumentSpec("PARTICIPANT", .participant), ArgumentSpec("N", .number), ArgumentSpec("TEXT", .text("TEXT"), optional: true)], [], .playbook,
             "Check a participant's unacknowledged notifications",
             "Fails unless PARTICIPANT has exactly N unacknowledged notifications and, with TEXT, one of them says it.",
             ["expect-inbox omar 2 \"supply-review is 1 workday late\""], playbookLine: .expectInbox),
        spec(["expect-escalations"], [ArgumentSpec("N", .number)], [], .playbook,
             "Check how many escalations are live",
             "Fails unless the cycle sees exactly N live escalations.",
             ["expect-escalations 2"], playbookLine: .expectEscalations),
        spec(["clock"], [ArgumentSpec("TIME", .text("YYYY-MM-DD[THH:MM]"))], [], .playbook,
             "Move the playbook's clock",
             "From this line on the playbook runs at TIME (a date is noon UTC); time never runs backwards. A playbook whose first line is a clock line runs the same on a fresh database whatever today's date is.",
             ["clock 2026-11-09T09:00"], playbookLine: .clock),
    ]

    /// The playbook line spelled `word`, if it is one.
    public static func playbookDirective(named word: String) -> CommandSpec.PlaybookDirective? {
        all.first { $0.words == [word] }?.playbookDirective
    }

    private static func spec(
        _ words: [String], _ arguments: [ArgumentSpec], _ options: [OptionSpec], _ group: CommandSpec.Group,
        _ summary: String, _ details: String, _ examples: [String],
        aliases: [[String]] = [], handler: @escaping CommandSpec.Handler
    ) -> CommandSpec {
        CommandSpec(
            words: words, arguments: arguments, options: options, summary: summary, details: details,
            examples: examples, group: group, aliases: aliases, action: .session(handler))
    }

    private static func spec(
        _ words: [String], _ arguments: [ArgumentSpec], _ options: [OptionSpec], _ group: CommandSpec.Group,
        _ summary: String, _ details: String, _ examples: [String], reference: @escaping @Sendable (ParsedCommand, Workflow?) throws(ShellError) -> Reply
    ) -> CommandSpec {
        CommandSpec(
            words: words, arguments: arguments, options: options, summary: summary, details: details,
            examples: examples, group: group, aliases: [], action: .reference(reference))
    }

    private static func spec(
        _ words: [String], _ arguments: [ArgumentSpec], _ options: [OptionSpec], _ group: CommandSpec.Group,
        _ summary: String, _ details: String, _ examples: [String], commandLine: CommandSpec.CommandLineCommand
    ) -> CommandSpec {
        CommandSpec(
            words: words, arguments: arguments, options: options, summary: summary, details: details,
            examples: examples, group: group, aliases: [], action: .commandLine(commandLine))
    }

    private static func spec(
        _ words: [String], _ arguments: [ArgumentSpec], _ options: [OptionSpec], _ group: CommandSpec.Group,
        _ summary: String, _ details: String, _ examples: [String], playbookLine: CommandSpec.PlaybookDirective
    ) -> CommandSpec {
        CommandSpec(
            words: words, arguments: arguments, options: options, summary: summary, details: details,
            examples: examples, group: group, aliases: [], action: .playbookLine(playbookLine))
    }

    public static func spec(named words: [String]) -> CommandSpec? {
        all.first { $0.words == words || $0.aliases.contains(words) }
    }
}
