#!/usr/bin/env python3
"""Check that the JSON Schemas and the Swift loader accept and reject the same files.

Usage: python3 Tests/schema/agreement.py [REPO_ROOT]

Every YAML file of the test fixtures and the samples is judged twice:

  loader  what `workshopkit check` says, known without running Swift:
          - Tests/WorkshopKitTests/Fixtures/invalid/<case>/expected.txt holds the exact
            lines `check` prints (`PATH:LINE:COLUMN: severity: [rule-id] message`, paths
            relative to the case folder, the shared exercise library as ../../exercises/),
            and the Swift FixtureTests assert that the loader prints exactly those lines;
          - valid fixture cases print nothing, and the samples (programs/, exercises/)
            load cleanly.
          A file is REJECTED when an error line located in it has a file-format rule
          (FILE_FORMAT_RULES). Timing and cross-file rules (overlap, meal, unknown-exercise,
          series-*, ...) are not a schema's business: the schema must accept such a file.
  schema  the file read the way the loader reads it (every scalar as its raw text: see
          load_raw), then validated against its JSON Schema (Draft 2020-12; formats are
          annotations, not asserted). YAML the loader cannot read (syntax, encoding,
          duplicate keys, alias bombs, an empty file) is rejected before any schema.

Which files of a fixture case are judged: program.yaml, series.yaml (or .yml), and the
exercises program.yaml refers to, from the case's own exercises/ folder or else the shared
Fixtures/exercises/ (a shared file is judged once, over all cases). `check` reads these
whenever it checks program.yaml. Any other YAML file of a case (another program, a
followups/ file) is judged only when expected.txt shows that the loader read it, with a
finding located in it other than a series-* one; otherwise it is listed as `skip`.

Cases a schema cannot express are listed in INEXPRESSIBLE, each with its reason. Such a
file is expected to disagree and counts as passed. An entry whose file is gone, or whose
file now agrees, is reported as a `note` so that the list can be trimmed.

Prints one line per judged file (`ok`, or `DISAGREE` with the loader's and the schema's
reasons) and ends with `N passed, M failed`. Exits 1 on any disagreement, 2 when the
Python packages jsonschema and pyyaml are missing.
"""
import json
import pathlib
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:  # pragma: no cover
    print(f"missing Python package: {missing.name} (pip install jsonschema pyyaml)")
    sys.exit(2)

# Rules about a file's own content. An error with one of these rejects the file.
FILE_FORMAT_RULES = {
    "yaml-syntax", "yaml-aliases", "encoding", "empty-file", "duplicate-key", "unknown-key",
    "missing-key", "wrong-type", "invalid-value", "time-format",
}

# (case folder under Fixtures/, file in the case folder) -> why no JSON Schema can give
# the loader's verdict. A schema sees one file, has no calendar and cannot compare two
# numbers or times written in one string.
INEXPRESSIBLE = {
    ("invalid/time-format-date", "program.yaml"):
        "`date: 2013-02-30`: the pattern allows days 01-31 in every month; which days a month "
        "has needs a calendar (`format: date` knows, but formats are only annotations in "
        "Draft 2020-12 and editors differ on asserting them)",
    ("invalid/missing-key-title", "program.yaml"):
        "no `title`: whether that is an error depends on series.yaml, another file",
    ("invalid/missing-key-first-minutes-no-start", "program.yaml"):
        "the first item gives only `minutes` and there is no `start`: series.yaml may give "
        "`start`, so the verdict depends on another file",
    ("invalid/missing-key-minutes-day-bounds-no-start", "program.yaml"):
        "as missing-key-first-minutes-no-start, with `day:` given: series.yaml may give `start`",
    ("invalid/invalid-value-meal-window-reversed", "program.yaml"):
        "`meal-window: 13.00-11.30` ends before it starts, while a reversed `day:` runs past "
        "midnight: a pattern cannot compare two times",
    ("invalid/invalid-value-exercise-minutes-reversed", "exercises/gruppe.yaml"):
        "`minutes: 45-30`, low above high: a pattern cannot compare two numbers",
    ("invalid/invalid-value-near-placeholder", "exercises/interview.yaml"):
        "`{Topic}` in a text: braces are allowed in any text, and telling a near-miss of a "
        "placeholder from other braces is the loader's judgement, not a pattern's",
    ("invalid/invalid-value-group-size-reversed", "exercises/gruppe.yaml"):
        "`group-size: 5-3`, low above high: a pattern cannot compare two numbers",
    ("invalid/invalid-value-days-out-of-order", "program.yaml"):
        "`days` whose dates go backwards: a schema cannot compare two dates",
    ("invalid/invalid-value-days-same-date", "program.yaml"):
        "two `days` on one date: a schema cannot compare two dates",
    ("invalid/invalid-value-timezone", "program.yaml"):
        "`timezone: Europe/Copenhgen` has the shape of an IANA name; whether the zone exists "
        "is in the system's time-zone data, not in a pattern",
    ("invalid/invalid-value-roster-name-twice", "series.yaml"):
        "a participant's `name` given twice in the roster: `uniqueItems` compares whole "
        "items, and two people of one name differ in their organisation or e-mail",
    ("invalid/missing-key-placeholder-unfilled", "program.yaml"):
        "an exercise's `{placeholder}` left unfilled: which placeholders it has is in the "
        "exercise's file, another file",
}
# Equally beyond a schema, with no fixture yet; give them an entry above when one appears:
#   - `rules: { time-format: warning }` (or unknown-key, duplicate-key set to warning or
#     off): the loader then accepts what the schema still rejects;
#   - `kind: talk` beside an `exercise:` id that has no file: the loader reports only
#     unknown-exercise, the schema the kind;
#   - a follow-up answer's `stage` not on the exercise's scale, or more `responses` than
#     the exercise asks questions: the exercise is another file;
#   - `with:` that leaves a `{name}` of the exercise unfilled (missing-key), or names a
#     placeholder the exercise does not use (unknown-key): the exercise is another file.
#     And when the exercise is unknown or has errors, the loader reads no `with:` at all,
#     so a malformed one (a blank value, a name like `Navn`) is then the schema's finding only;
#   - `timezone: Europe/Atlantis`: the pattern takes Area/Location names; whether the name
#     exists needs the time-zone database;
#   - `days` whose dates are not in order (invalid-value): a schema cannot compare dates.

YAML_EXTENSIONS = (".yaml", ".yml")  # ProgramDiscovery.extensions, .yaml first
NULL_WORDS = {"", "~", "null", "Null", "NULL"}  # NodeReader.isNull, for plain scalars
MAX_EXPANDED_NODES = 100_000  # YAMLSafetyCheck.maxExpandedNodes
MAX_DEPTH = 64                # YAMLSafetyCheck.maxDepth
EXERCISE_ID = re.compile(r"^(?!-)[a-z0-9-]{1,100}$")  # ExerciseLibrary.isValidID
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
                  r"\[(?P<rule>[a-z0-9-]+)\] (?P<message>.*)$")


# --- Reading YAML the way the loader does (YAMLFile.parse, then NodeReader) -----------

class RawLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Composes YAML (with libyaml, as Yams does, when PyYAML has it) and resolves no
    implicit types, so that every scalar keeps its raw text; no `<<` merge keys."""


RawLoader.yaml_implicit_resolvers = {}


class Unreadable(Exception):
    """YAML the loader refuses before reading any key, or that JSON cannot hold."""


def misplaced_no_break_space(text):
    """YAMLFile.misplacedNoBreakSpace: a U+00A0 in the indentation or right after `key:`."""
    for number, line in enumerate(text.split("\n"), 1):
        position = line.find("\u00a0")
        if position < 0:
            continue
        before = line[:position]
        if all(c in " -" for c in before):
            raise Unreadable(f"[yaml-syntax] line {number}: a no-break space in the indentation")
        key = before.lstrip(" -")
        if key.endswith(":") and len(key) > 1 and all(c.isalpha() or c in "0123456789-_" for c in key[:-1]):
            raise Unreadable(f"[yaml-syntax] line {number}: a no-break space after {key!r}")


def safety_check(text):
    """YAMLSafetyCheck: refuse documents whose aliases expand beyond MAX_EXPANDED_NODES
    values or whose collections nest deeper than MAX_DEPTH."""
    anchor_sizes = {}
    open_collections = []  # [anchor, expanded size so far]
    total = 0

    def add(size):
        nonlocal total
        total += size
        if open_collections:
            open_collections[-1][1] += size

    try:
        for event in yaml.parse(text, Loader=RawLoader):
            if isinstance(event, yaml.ScalarEvent):
                add(1)
                if event.anchor:
                    anchor_sizes[event.anchor] = 1
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(open_collections) >= MAX_DEPTH:
                    raise Unreadable(f"[yaml-aliases] nested more than {MAX_DEPTH} levels deep")
                total += 1
                open_collections.append([event.anchor, 1])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, size = open_collections.pop()
                if anchor:
                    anchor_sizes[anchor] = size
                if open_collections:
                    open_collections[-1][1] += size
            elif isinstance(event, yaml.AliasEvent):
                add(anchor_sizes.get(event.anchor, 1))
            if total > MAX_EXPANDED_NODES:
                raise Unreadable(f"[yaml-aliases] aliases expand beyond {MAX_EXPANDED_NODES} values")
    except yaml.YAMLError:
        return  # a syntax error: compose reports it, as the loader leaves it to Yams


def raw_value(node):
    """A composed node as JSON data: a scalar as its raw text, a plain empty, `~` or
    `null` as None, a mapping with unique scalar keys."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.style is None and node.value in NULL_WORDS else node.value
    if isinstance(node, yaml.SequenceNode):
        return [raw_value(child) for child in node.value]
    mapping = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise Unreadable(f"[wrong-type] line {line}: a key that is not a plain word")
        if key_node.value in mapping:
            raise Unreadable(f"[duplicate-key] line {line}: the key {key_node.value!r} is given twice")
        mapping[key_node.value] = raw_value(value_node)
    return mapping


def load_raw(path):
    """The document as the loader sees it; Unreadable with the reason if it cannot."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(f"[encoding] not UTF-8 at byte {error.start}") from None
    misplaced_no_break_space(text)
    safety_check(text)
    try:
        root = yaml.compose(text, Loader=RawLoader)
    except yaml.YAMLError as error:
        raise Unreadable("[yaml-syntax] " + " ".join(str(error).split())) from None
    if root is None:
        raise Unreadable("[empty-file] no document")
    return raw_value(root)


# --- The two verdicts -----------------------------------------------------------------

def load_validator(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_verdict(path, validator):
    """(accepted, reason): the schema's verdict on the document read raw."""
    try:
        document = load_raw(path)
    except Unreadable as error:
        return False, str(error)
    errors = sorted(validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return not errors, "; ".join(describe(error) for error in errors[:3])


def describe(error):
    """Where and why, with the closest alternative's reason when no `anyOf` branch fits."""
    text = f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
    if error.context:  # prefer the branch of the value's own type: a pattern, not "not a number"
        branches = [e for e in error.context if e.validator != "type"] or error.context
        text += f" ({jsonschema.exceptions.best_match(branches).message})"
    return text


class Judgement:
    """One file, its schema, and the loader's findings located in it."""

    def __init__(self, path, validator, label, key=None):
        self.path = path
        self.validator = validator
        self.label = label  # as printed
        self.key = key      # (case, file) as INEXPRESSIBLE names it; None for samples
        self.findings = []

    @property
    def rejections(self):
        return [f"{m['path']}:{m['line']}: [{m['rule']}] {m['message']}"
                for m in self.findings if m["severity"] == "error" and m["rule"] in FILE_FORMAT_RULES]


# --- Which files are judged -----------------------------------------------------------

def first_existing(folder, stem):
    """`<stem>.yaml`, else `<stem>.yml`, as the loader looks them up; None if neither."""
    return next((folder / (stem + ext) for ext in YAML_EXTENSIONS if (folder / (stem + ext)).exists()), None)


def agenda_items(program):
    """The agenda items the loader reads (NodeReader.program): those of each day when `days`
    is a list (or empty), else those of the top-level `agenda`."""
    if not isinstance(program, dict):
        return []
    if "days" in program and (program["days"] is None or isinstance(program["days"], list)):
        agendas = [day.get("agenda") for day in program["days"] or [] if isinstance(day, dict)]
    else:
        agendas = [program.get("agenda")]
    return [item for agenda in agendas if isinstance(agenda, list) for item in agenda]


def referenced_exercises(program_path):
    """The exercise ids the loader looks up for a program (NodeReader.exerciseReference):
    `exercise:` of an item without a `parts` list, and of each part, on every day."""
    try:
        program = load_raw(program_path)
    except Unreadable:
        return set()
    ids = set()
    for item in agenda_items(program):
        if not isinstance(item, dict):
            continue
        if "parts" in item and (item["parts"] is None or isinstance(item["parts"], list)):
            activities = [part for part in item["parts"] or [] if isinstance(part, dict)]
        else:
            activities = [item]
        for activity in activities:
            exercise_id = activity.get("exercise")
            if isinstance(exercise_id, str) and EXERCISE_ID.match(exercise_id):
                ids.add(exercise_id)
    return ids


def expected_findings(case):
    path = case / "expected.txt"
    if not path.exists():
        return []
    findings = []
    for text in path.read_text(encoding="utf-8").splitlines():
        if text.strip():
            match = LINE.match(text)
            if not match:
                raise SystemExit(f"{path}: cannot read the line {text!r}")
            findings.append(match)
    return findings


def schema_kind(relative):
    """Which schema a file of a case folder is written in, by where it lies."""
    parts = pathlib.PurePosixPath(relative).parts
    if parts[0] in ("followups", "attendance", "evaluations"):
        return parts[0]
    if parts[0] == "exercises":
        return "exercise"
    if pathlib.PurePosixPath(relative).stem == "series":
        return "series"
    return "program"


def fixture_judgements(fixtures, validators):
    """(judgements, skipped files, problems with the fixtures themselves)."""
    shared_dir = fixtures / "exercises"
    shared = {}  # path -> Judgement: a shared exercise is judged once, over all cases
    judgements, skipped, problems = [], [], []
    for group in ("invalid", "valid"):
        for case in sorted(p for p in (fixtures / group).iterdir() if p.is_dir()):
            name = f"{group}/{case.name}"
            findings = expected_findings(case)
            if group == "valid" and findings:
                problems.append(f"{name}: a valid case with findings in expected.txt")
            own = {}  # path as expected.txt writes it -> Judgement

            def judge(relative, kind, key_file=None):
                own[relative] = Judgement(case / relative, validators[kind], f"Fixtures/{name}/{relative}",
                                          (name, key_file or relative))

            judge("program.yaml", "program")
            series = first_existing(case, "series")
            if series:
                judge(series.name, "series")
            exercise_dir = case / "exercises" if (case / "exercises").is_dir() else shared_dir
            for exercise_id in sorted(referenced_exercises(case / "program.yaml")):
                path = first_existing(exercise_dir, exercise_id)
                if path is None:
                    continue  # unknown-exercise, a finding about the program
                if exercise_dir == shared_dir:
                    own[f"../../exercises/{path.name}"] = shared.setdefault(path, Judgement(
                        path, validators["exercise"], f"Fixtures/exercises/{path.name}", ("exercises", path.name)))
                else:
                    judge(f"exercises/{path.name}", "exercise")

            # Other files: judged only when a finding shows that the loader read them.
            for path in sorted(p for ext in YAML_EXTENSIONS for p in case.rglob("*" + ext)):
                relative = path.relative_to(case).as_posix()
                if relative in own:
                    continue
                if any(m["path"] == relative and not m["rule"].startswith("series-") for m in findings):
                    judge(relative, schema_kind(relative))
                else:
                    skipped.append(f"Fixtures/{name}/{relative}")

            for match in findings:
                if match["path"] in own:
                    own[match["path"]].findings.append(match)
                elif not (case / match["path"]).exists():
                    problems.append(f"{name}/expected.txt: a finding in {match['path']}, which is not there")
            judgements += [j for relative, j in own.items() if not relative.startswith("../../")]
    judgements += shared.values()
    for path in sorted(p for ext in YAML_EXTENSIONS for p in shared_dir.glob("*" + ext)):
        if path not in shared:
            skipped.append(f"Fixtures/exercises/{path.name}")
    return judgements, skipped, problems


def sample_judgements(root, validators):
    """The samples, every one accepted by the loader."""
    judgements = []
    for path in sorted(p for ext in YAML_EXTENSIONS for p in (root / "programs").rglob("*" + ext)):
        parts = path.relative_to(root / "programs").parts
        if len(parts) >= 2 and parts[1] in ("followups", "attendance", "evaluations"):
            kind = parts[1]
        elif path.stem == "series":
            kind = "series"
        else:
            kind = "program"
        judgements.append(Judgement(path, validators[kind], path.relative_to(root).as_posix()))
    for path in sorted(p for ext in YAML_EXTENSIONS for p in (root / "exercises").glob("*" + ext)):
        judgements.append(Judgement(path, validators["exercise"], path.relative_to(root).as_posix()))
    return judgements


# --- The run --------------------------------------------------------------------------

def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parents[2]
    validators = {
        "program": load_validator(root / "programs/program.schema.json"),
        "series": load_validator(root / "programs/series.schema.json"),
        "followups": load_validator(root / "programs/followups.schema.json"),
        "attendance": load_validator(root / "programs/attendance.schema.json"),
        "evaluations": load_validator(root / "programs/evaluations.schema.json"),
        "exercise": load_validator(root / "exercises/exercise.schema.json"),
    }
    fixtures, skipped, problems = fixture_judgements(root / "Tests/WorkshopKitTests/Fixtures", validators)
    passed = failed = 0
    notes = []
    judged_keys = set()

    for judgement in fixtures + sample_judgements(root, validators):
        rejections = judgement.rejections
        loader_accepts = not rejections
        schema_accepts, schema_reason = schema_verdict(judgement.path, judgement.validator)
        reason = INEXPRESSIBLE.get(judgement.key)
        judged_keys.add(judgement.key)
        verdicts = f"loader {'accepts' if loader_accepts else 'rejects'}, schema {'accepts' if schema_accepts else 'rejects'}"
        if loader_accepts == schema_accepts:
            passed += 1
            print(f"ok       {judgement.label} ({'accepted' if loader_accepts else 'rejected'} by both)")
            if reason:
                notes.append(f"{judgement.label} is listed in INEXPRESSIBLE but now agrees; remove the entry")
        elif reason:
            passed += 1
            print(f"ok       {judgement.label} (inexpressible: {verdicts}; {reason})")
        else:
            failed += 1
            print(f"DISAGREE {judgement.label}: {verdicts}")
            if rejections:
                print(f"         loader: {' | '.join(rejections)}")
            print(f"         schema: {schema_reason or 'no error'}")

    for problem in problems:
        failed += 1
        print(f"DISAGREE {problem}")
    for key in sorted(set(INEXPRESSIBLE) - judged_keys):
        notes.append(f"INEXPRESSIBLE names {key[0]}/{key[1]}, which is not judged; remove the entry")
    for label in skipped:
        print(f"skip     {label} (not shown to be read by `check program.yaml`)")
    for note in notes:
        print(f"note     {note}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
