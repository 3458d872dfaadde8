#!/usr/bin/env python3
"""Real-terminal tests of the sop REPL: drives the built binary in a pty with pexpect, the way a person
types, and checks what the terminal shows. Run by scripts/test after the build:

    python3 Tests/terminal/test_repl.py .build/debug/sop
"""
import io
import os
import pwd
import re
import subprocess
import sys
import tempfile
import time
import traceback

import pexpect

SOP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/sop")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = "2026-11-05T09:00:00Z"
PROMPT = r"sop 2026-11 \w+> "
TAB = "\t"


class Repl:
    """One sop REPL in its own pty, with a private database and history folder."""

    def __init__(self, workdir, actor="maria", extra_env=None, columns=120, rows=40):
        env = dict(os.environ)
        env.update({"XDG_STATE_HOME": os.path.join(workdir, "state"), "SOP_NOW": NOW, "TERM": "xterm",
                    "LANG": "C.UTF-8", "USER": "nobody-on-the-team", "LOGNAME": "nobody-on-the-team"})
        env.pop("SOP_USER", None)
        env.update(extra_env or {})
        args = ["--db", os.path.join(workdir, "sop.db")]
        if actor:
            args += ["--as", actor]
        self.child = pexpect.spawn(SOP, args, cwd=ROOT, env=env, encoding="utf-8", timeout=10,
                                   dimensions=(rows, columns))
        self.size = (rows, columns)
        # Everything the terminal was sent, for `screen()`.
        self.output = io.StringIO()
        self.child.logfile_read = self.output

    def screen(self):
        """What a person sees now: the bytes sent so far played on a small terminal model."""
        screen = Screen(*self.size)
        screen.feed(self.output.getvalue())
        return screen

    def expect(self, pattern):
        return self.child.expect(pattern)

    def prompt(self):
        self.child.expect(PROMPT)

    def send(self, text):
        self.child.send(text)

    def line(self, text):
        self.child.send(text + "\r")

    def ctrl(self, key):
        # A control key typed ahead while the tty is still in cooked mode (between two reads) is handled
        # by the kernel, not libedit (a typed-ahead ^D is lost, as in bash). A person presses it after
        # the prompt is drawn; give libedit those few milliseconds to enter raw mode.
        time.sleep(0.15)
        self.child.sendcontrol(key)

    def exit_status(self):
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


def test_prompt_shows_cycle_and_actor(tmp):
    r = Repl(tmp)
    r.expect("Type `help` for commands")
    r.expect(r"Cycle 2026-11 · monthly-sop · open")   # status is shown on start
    r.expect(r"sop 2026-11 maria> ")
    r.line("whoami")
    r.expect(r"maria \(Maria Lopez\): leader, acting on cycle 2026-11")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_tab_completes_command_words_then_stage_ids(tmp):
    r = Repl(tmp)
    r.prompt()
    # libedit redraws the line with cursor moves, so the stream shows the inserted rest of each word;
    # pressing Enter then proves the completed line was the intended command.
    r.send("sta" + TAB)
    r.expect("tus ")
    r.send("demand-r" + TAB)
    r.expect("eview ")
    r.line("")
    r.expect(r"demand-review: Demand review")
    r.prompt()
    # A second word of a two-word command.
    r.send("cycle l" + TAB)
    r.expect("ist ")
    r.line("")
    r.expect(r"\* +2026-11 +monthly-sop +open")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_tab_completes_inputs_participants_and_files(tmp):
    r = Repl(tmp)
    r.prompt()
    r.send("submit data-gathering sal" + TAB)
    r.expect("es-actuals ")
    r.send("Playbooks/da" + TAB)
    r.expect("ta/")
    r.send("sales-a" + TAB)
    r.expect("ctuals.csv ")
    r.line("")
    # maria is the leader: she may submit, and the CSV passes its column check.
    r.expect(r"#2 maria submitted data-gathering sales-actuals version 1")
    r.prompt()
    r.send("as d" + TAB)
    r.expect("an ")
    r.line("")
    r.expect(r"Now acting as dan")
    r.expect(r"sop 2026-11 dan> ")
    # Several candidates: a second Tab lists them.
    r.send("signoff --" + TAB + TAB)
    r.expect(r"--comment\s+--role")
    r.ctrl("c")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_ctrl_c_clears_the_line_and_never_exits(tmp):
    r = Repl(tmp)
    r.prompt()
    r.send("submit something half-typed")
    r.ctrl("c")
    r.prompt()
    r.ctrl("c")
    r.prompt()
    r.line("whoami")
    r.expect(r"maria \(Maria Lopez\)")
    r.prompt()
    assert r.child.isalive()
    r.line("quit")
    assert r.exit_status() == 0


def test_ctrl_d_on_empty_line_exits_zero(tmp):
    r = Repl(tmp)
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_history_persists_across_sessions(tmp):
    r = Repl(tmp)
    r.prompt()
    r.line("why data-gathering")
    r.expect(r"data-gathering \(Data gathering\) is open")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0
    history = os.path.join(tmp, "state", "sop", "history")
    assert os.path.exists(history), "history file was not written under XDG_STATE_HOME"
    r2 = Repl(tmp)
    r2.prompt()
    r2.send("\x1b[A")  # Up arrow
    r2.expect("why data-gathering")
    r2.line("")
    r2.expect(r"is open")
    r2.prompt()
    r2.ctrl("d")
    assert r2.exit_status() == 0


def test_refusal_in_repl_is_shown_and_repl_continues(tmp):
    r = Repl(tmp, actor="sam")
    r.prompt()
    r.line("waive product-review --reason \"no changes\"")
    r.expect(r"error: sam may not waive product-review: only the leader may \(ask maria \(leader\) to do it, or act as one of them with `as`\)")
    r.prompt()
    r.line("frobnicate")
    r.expect(r"error: unknown command 'frobnicate'")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_show_lays_a_csv_out_as_a_table_on_the_terminal(tmp):
    r = Repl(tmp, actor="dan")
    r.prompt()
    r.line("submit data-gathering sales-actuals Playbooks/data/sales-actuals.csv")
    r.prompt()
    r.line("show data-gathering sales-actuals")
    r.expect(r"data-gathering sales-actuals · version 1 of 1 · sales-actuals\.csv · \d+ bytes · sha256 [0-9a-f]{12} · by dan 2026-11-05 09:00Z")
    r.expect(r"\r\nProduct Family +Period +Units Shipped +Net Sales\r\n")   # the header row, columns padded
    r.prompt()
    r.line("show data-gathering sales-actuals --history")
    r.expect(r"1 +2026-11-05 09:00Z +dan +\d+ +[0-9a-f]{12} +file sales-actuals\.csv")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_asks_who_is_acting_when_nobody_is_named(tmp):
    r = Repl(tmp, actor=None)
    r.expect("Who are you")
    r.expect(r"participant> ")
    r.line("nobody")
    r.expect(r"error: 'nobody' is not on the team")
    r.expect(r"participant> ")
    r.line("2")
    r.expect(r"Acting as sam")
    r.expect(r"sop 2026-11 sam> ")
    r.ctrl("d")
    assert r.exit_status() == 0


def test_non_ascii_typing_reaches_the_command(tmp):
    r = Repl(tmp)
    r.prompt()
    r.line('submit data-gathering inventory-snapshot --note "Zürich stock count pending"')
    r.expect(r"takes a CSV file")  # refused by format, but the text arrived intact in the error path
    r.prompt()
    r.line('as dan')
    r.prompt()
    r.line('log')
    r.expect(r"opened the cycle")
    r.prompt()
    r.send("é")
    r.expect("é")
    r.ctrl("c")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_proposal_decision_and_actions_in_the_repl(tmp):
    r = Repl(tmp)
    r.prompt()
    r.line('propose "Close the outdoor gap" --options "Overtime|Outsource"')
    r.expect(r"maria raised P-1: Close the outdoor gap \[options: Overtime \| Outsource\]")
    r.prompt()
    r.line("as sam")
    r.expect(r"sop 2026-11 sam> ")
    # The open proposal's id completes after `decide `.
    r.send("decide P" + TAB)
    r.expect("-1 ")
    r.line('"Run Saturday overtime" --option overtime --rationale "Cheapest way"')
    r.expect(r"sam recorded D-1 on P-1: Run Saturday overtime \[option: Overtime\] \(rationale: Cheapest way\)")
    r.prompt()
    r.line('action add "Agree shifts" --owner omar --due 2026-11-20 --decision D-1')
    r.expect(r"sam added A-1 for omar, due 2026-11-20: Agree shifts")
    r.prompt()
    r.line("actions")
    r.expect(r"Actions of cycle 2026-11: 1 open, 0 overdue\.")
    r.expect(r"A-1 +open +omar +2026-11-20 +2026-11 +Agree shifts \(D-1\)")
    r.prompt()
    # sam added it but omar owns it: refused, and the REPL carries on.
    r.line("action done A-1")
    r.expect(r"error: sam may not complete A-1: only the leader or its owner omar may")
    r.prompt()
    r.line("proposals")
    r.expect(r"P-1 +decided D-1")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_escalations_are_announced_and_land_in_the_inbox(tmp):
    # The first REPL creates the database with November open on the 2nd.
    r = Repl(tmp, extra_env={"SOP_NOW": "2026-11-02T09:00:00Z"})
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0
    # On the 5th data gathering (due the 3rd) is 2 workdays late: the ladders run as the REPL starts
    # and announce level 1 (the demand planners).
    r = Repl(tmp)
    r.expect(r"Cycle 2026-11 · monthly-sop · open")
    r.expect(r"1 new: data-gathering is 2 workdays late, level 1 \(`escalations` lists them\)")
    r.prompt()
    r.line("escalations")
    r.expect(r"E-1 +1 +0 wd +dan, lee +2026-11-05 09:00Z +data-gathering is 2 workdays late")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0
    # Dan starts a session on the 9th: level 2 (the leader) falls due as it starts, and his inbox greets him.
    r = Repl(tmp, actor="dan", extra_env={"SOP_NOW": "2026-11-09T09:00:00Z"})
    r.expect(r"1 new: data-gathering is 4 workdays late, level 2 \(`escalations` lists them\)")
    r.expect(r"dan, you have 1 unacknowledged notification \(`inbox`, `ack N`\):")
    r.expect(r"#1 sop 2026-11: data-gathering is 2 workdays late, level 1")
    r.prompt()
    r.line("ack 2")
    r.expect(r"error: notification 2 is lee's, not yours")
    r.prompt()
    r.line("ack 1")
    r.expect(r"Acknowledged #1\.")
    r.prompt()
    r.line("inbox")
    r.expect(r"dan's inbox is empty")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_the_greeting_names_only_live_things_and_as_greets_too(tmp):
    r = Repl(tmp, extra_env={"SOP_NOW": "2026-11-02T09:00:00Z"})
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0
    # On the 5th data gathering is late and dan is told. Switching to him says so, as starting as him would.
    r = Repl(tmp)
    r.expect(r"1 new: data-gathering is 2 workdays late, level 1")
    r.prompt()
    r.line("as dan")
    r.expect(r"Now acting as dan \(Dan")
    r.expect(r"dan, you have 1 unacknowledged notification \(`inbox`, `ack N`\):")
    r.expect(r"#1 sop 2026-11: data-gathering is 2 workdays late, level 1")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0
    # Dan brings data gathering in: the escalation resolves, and is no longer news for dan or lee.
    data = os.path.join(ROOT, "Playbooks", "data")
    sop_once(tmp, "--as", "dan", "submit", "data-gathering", "sales-actuals", os.path.join(data, "sales-actuals.csv"))
    sop_once(tmp, "--as", "dan", "submit", "data-gathering", "inventory-snapshot", os.path.join(data, "inventory-snapshot.csv"))
    sop_once(tmp, "--as", "dan", "signoff", "data-gathering")
    r = Repl(tmp, actor="dan", extra_env={"SOP_NOW": "2026-11-06T09:00:00Z"})
    r.prompt()
    assert "unacknowledged" not in r.child.before, r.child.before
    r.line("as lee")
    r.expect(r"Now acting as lee \(Lee")
    r.prompt()
    assert "unacknowledged" not in r.child.before, r.child.before
    # Nothing is lost: the inbox still holds it until acknowledged.
    r.line("inbox")
    r.expect(r"data-gathering is 2 workdays late, level 1")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def shown_lines(text):
    """The lines a stretch of terminal output shows, without colour and cursor sequences."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    return [line for line in plain.replace("\r", "").split("\n") if line.strip()]


def test_start_up_and_typed_status_wrap_the_same_within_the_terminal(tmp):
    r = Repl(tmp, columns=60)
    r.prompt()
    start_up = shown_lines(r.child.before)
    r.line("status")
    r.prompt()
    typed = shown_lines(r.child.before)[1:]  # after the echoed command line
    table = lambda lines: lines[lines.index(next(l for l in lines if l.startswith("Cycle 2026-11"))):]
    assert table(start_up) == table(typed), (start_up, typed)
    for line in table(typed):
        assert len(line) <= 60, f"runs past the 60-column terminal: {line!r}"
    # A stage's blockers stay with it, indented, not cut at the terminal's edge.
    assert "    after product-review, demand-review, supply-review," in typed, typed
    r.ctrl("d")
    assert r.exit_status() == 0


def test_tab_completes_a_proposals_options_after_decide_option(tmp):
    r = Repl(tmp)
    r.prompt()
    r.line('propose "Close the outdoor gap" --options "Saturday overtime|Outsource"')
    r.expect(r"maria raised P-1")
    r.prompt()
    r.line("as sam")
    r.prompt()
    r.send('decide P-1 "Run overtime" --option ' + TAB + TAB)
    r.expect(r"Outsource\s+Saturday overtime|Saturday overtime\s+Outsource")
    # One match: completed, quoted because it holds a space.
    r.send("Sat" + TAB)
    r.expect('"Saturday overtime" ')
    r.line('--rationale "Cheapest way"')
    r.expect(r"sam recorded D-1 on P-1: Run overtime \[option: Saturday overtime\]")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def os_identity_team(workdir, maria_login):
    """A team file with `identity: os`: maria's login is `maria_login`, nobody else's is a real account."""
    people = [("maria", "leader", maria_login), ("sam", "sponsor", "sop-test-sam"), ("priya", "product", "sop-test-priya"),
              ("dan", "demand", "sop-test-dan"), ("lee", "demand", "sop-test-lee"), ("sofia", "sales", "sop-test-sofia"),
              ("omar", "supply", "sop-test-omar"), ("fiona", "finance", "sop-test-fiona")]
    path = os.path.join(workdir, "team.yaml")
    with open(path, "w") as f:
        f.write("identity: os\nteam:\n")
        for pid, role, login in people:
            f.write(f'  - {{ id: {pid}, name: {pid.title()}, roles: [{role}], login: "{login}" }}\n')
    return path


def sop_once(workdir, *args):
    """One-shot sop on the test's database, with the fixed clock."""
    env = dict(os.environ, SOP_NOW=NOW)
    env.pop("SOP_USER", None)
    out = subprocess.run([SOP, "--db", os.path.join(workdir, "sop.db"), *args], env=env, capture_output=True, text=True)
    assert out.returncode == 0, f"sop {args}: {out.returncode}\n{out.stdout}{out.stderr}"
    return out.stdout


def test_as_someone_else_is_refused_under_os_identity(tmp):
    # The account running the tests (root in CI), from the real uid as sop reads it; $USER is set to
    # someone else below and must not matter.
    account = pwd.getpwuid(os.getuid()).pw_name
    sop_once(tmp, "init", "--team", os_identity_team(tmp, account))
    sop_once(tmp, "cycle", "open", "2026-11")
    r = Repl(tmp, actor=None)
    r.expect(r"sop 2026-11 maria> ")          # no picker: the account says who acts
    r.line("as dan")
    r.expect(r"error: `as dan` is refused: the team uses `identity: os`")
    r.expect(r"run sop under dan's own account")
    r.expect(r"sop 2026-11 maria> ")          # still maria
    r.line("as maria")
    r.expect(r"Now acting as maria")
    r.prompt()
    r.line("log --refused")
    r.expect(r"#\s+TIME \(UTC\)\s+ACCOUNT\s+AS\s+RULE\s+COMMAND")
    r.expect(r"1\s+2026-11-05 09:00:00Z\s+" + re.escape(account) + r"\s+dan\s+identity\s+as dan")
    r.prompt()
    r.ctrl("d")
    assert r.exit_status() == 0


def test_an_account_not_on_an_os_identity_team_reads_but_is_not_asked_to_pick(tmp):
    sop_once(tmp, "init", "--team", os_identity_team(tmp, "sop-test-maria"))
    r = Repl(tmp, actor=None)
    r.expect(r"Nobody is acting: account '[^']+' is not on the team")
    r.expect(r"You can read the cycle; changes are refused\.")
    r.expect(r"sop no cycle \(nobody\)> ")   # no "Who are you?" picker
    r.line("cycle open 2026-11")
    r.expect(r"error: account '[^']+' is not on the team")
    r.expect(r"sop no cycle \(nobody\)> ")
    r.ctrl("d")
    assert r.exit_status() == 0


class Screen:
    """Just enough of a VT100 to replay what libedit sends an xterm: text, CR, LF, BS, cursor moves,
    erase to end of line and of display; other sequences (colours) draw nothing."""

    def __init__(self, rows, columns):
        self.rows, self.columns = rows, columns
        self.cells = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0

    def feed(self, text):
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\x1b":
                m = re.match(r"\x1b\[([0-9;?]*)([@-~])", text[i:])
                if not m:
                    i += 2
                    continue
                self.control(m.group(1), m.group(2))
                i += len(m.group(0))
                continue
            i += 1
            if ch == "\r":
                self.column = 0
            elif ch == "\n":
                self.line_feed()
            elif ch == "\b":
                self.column = max(0, self.column - 1)
            elif ch == "\x07" or ord(ch) < 0x20:
                pass
            else:
                if self.column >= self.columns:
                    self.column = 0
                    self.line_feed()
                self.cells[self.row][self.column] = ch
                self.column += 1

    def line_feed(self):
        if self.row == self.rows - 1:
            self.cells = self.cells[1:] + [[" "] * self.columns]
        else:
            self.row += 1

    def control(self, params, final):
        n = int(params.split(";")[0]) if params.split(";")[0].isdigit() else 1
        if final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.column = min(self.columns, self.column + n)
        elif final == "D":
            self.column = max(0, self.column - n)
        elif final == "K":
            self.cells[self.row][self.column:] = [" "] * (self.columns - self.column)
        elif final == "J":
            self.cells[self.row][self.column:] = [" "] * (self.columns - self.column)
            for r in range(self.row + 1, self.rows):
                self.cells[r] = [" "] * self.columns

    def lines(self):
        return ["".join(row).rstrip() for row in self.cells]


def test_another_sessions_signoff_shows_above_the_prompt_keeping_the_typed_line(tmp):
    # Dan's REPL creates the database; his two inputs are in before Priya starts.
    a = Repl(tmp, actor="dan")
    a.prompt()
    a.line("submit data-gathering sales-actuals Playbooks/data/sales-actuals.csv")
    a.prompt()
    a.line("submit data-gathering inventory-snapshot Playbooks/data/inventory-snapshot.csv")
    a.prompt()
    b = Repl(tmp, actor="priya", columns=160)
    b.prompt()
    # Priya is halfway through a command, the cursor moved back into it, when Dan signs off.
    b.send("status da")
    b.expect("status da")
    b.send("\x1b[D\x1b[C")  # Left, Right: an escape sequence read whole, the cursor back at the end
    time.sleep(0.4)
    a.line('signoff data-gathering --comment "Actuals reconciled"')
    a.expect(r"signed off data-gathering as demand")
    a.prompt()
    announcement = (r'· 09:00Z Dan \w+ signed off data-gathering: "Actuals reconciled" \(2026-11\); '
                    r'data-gathering done, product-review and demand-review open')
    b.expect(announcement)
    b.expect(re.escape("sop 2026-11 priya> ") + "status da")
    time.sleep(0.3)
    lines = b.screen().lines()
    shown = [i for i, line in enumerate(lines) if re.fullmatch(announcement, line)]
    assert len(shown) == 1, "\n".join(lines)
    # One line above the prompt, the typed text still there, the cursor right after it, and the
    # prompt the announcement took the place of gone.
    assert lines[shown[0] + 1] == "sop 2026-11 priya> status da", "\n".join(lines)
    assert [l for l in lines if l.startswith("sop 2026-11 priya>")] == ["sop 2026-11 priya> status da"], "\n".join(lines)
    screen = b.screen()
    assert (screen.row, screen.column) == (shown[0] + 1, len("sop 2026-11 priya> status da")), (screen.row, screen.column)
    # Finishing the line runs the whole command as typed.
    b.line("ta-gathering")
    b.expect(r"data-gathering: Data gathering")
    b.expect(r"State done ")
    b.prompt()
    # Dan's own REPL never announces his own sign-off; Priya's reply to her own command is not announced to her.
    b.line("whoami")
    b.expect(r"priya \(")
    b.prompt()
    time.sleep(0.8)
    assert "signed off data-gathering: \"Actuals" not in a.output.getvalue(), a.output.getvalue()
    a.line("whoami")
    a.expect(r"dan \(")
    a.prompt()
    for r in (a, b):
        r.ctrl("d")
        assert r.exit_status() == 0


def test_an_escalation_shows_in_its_recipients_repl_only(tmp):
    # The database is created with November open on the 2nd, and both REPLs run then, before anything is late.
    first = dict(os.environ, SOP_NOW="2026-11-02T09:00:00Z")
    subprocess.run([SOP, "--db", os.path.join(tmp, "sop.db"), "--as", "maria", "status"], env=first, check=True, capture_output=True)
    dan = Repl(tmp, actor="dan", extra_env={"SOP_NOW": "2026-11-02T09:00:00Z"})
    dan.prompt()
    omar = Repl(tmp, actor="omar", extra_env={"SOP_NOW": "2026-11-02T09:00:00Z"})
    omar.prompt()
    # Whoever runs the ladders on the 5th raises level 1 of data gathering, which tells dan and lee.
    env = dict(os.environ, SOP_NOW="2026-11-05T09:00:00Z")
    subprocess.run([SOP, "--db", os.path.join(tmp, "sop.db"), "--as", "sam", "escalate"], env=env, check=True, capture_output=True)
    dan.expect(r"· 2026-11-05 09:00Z E-1 for you \(`inbox`\): data-gathering is 2 workdays late, level 1 \(2026-11\)")
    dan.expect(re.escape("sop 2026-11 dan> "))
    time.sleep(1.0)
    omar.line("whoami")
    omar.expect(r"omar \(")
    omar.prompt()
    assert "E-1" not in omar.output.getvalue(), omar.output.getvalue()
    for r in (dan, omar):
        r.ctrl("d")
        assert r.exit_status() == 0


def main():
    # An optional second argument runs only the tests whose name contains it.
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    tests = [(name, fn) for name, fn in sorted(globals().items()) if name.startswith("test_") and only in name and callable(fn)]
    passed = failed = 0
    for name, fn in tests:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                fn(tmp)
                passed += 1
                print(f"PASS {name}")
            except Exception:
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
    print(f"terminal: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
