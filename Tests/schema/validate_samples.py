#!/usr/bin/env python3
"""Check the sample programs, series and exercises against their JSON Schemas.

Usage: python3 Tests/schema/validate_samples.py [REPO_ROOT]

YAML is read the way editors read it (yaml-language-server uses YAML 1.2):
dates such as 2013-04-18 stay strings, because the timestamp resolver is
removed. Unquoted times such as 08.45 still arrive as numbers, which the
schemas accept. Duplicate keys are reported as errors.

Besides the schema, each file is checked for
  - the `# yaml-language-server: $schema=...` line on top, pointing at its schema;
  - exercise file names matching [a-z0-9-]+;
  - `exercise:` ids in programs that name an existing file in exercises/.
The schemas themselves must be valid Draft 2020-12, and a definition that several of them
repeat under one name in `$defs` (clockTime, timeRange, rules, ...) must be the same in each,
since each schema file stands alone for editors.

Whether the schemas and the loader agree on the test fixtures is checked by agreement.py,
which reads YAML as the loader does (every scalar as raw text).

Prints one line per file (`ok` or `FAIL` with the reasons) and exits 1 if any
file failed, 2 if the tools are missing.
"""
import pathlib
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:  # pragma: no cover
    print(f"missing Python package: {missing.name} (pip install jsonschema pyyaml)")
    sys.exit(2)
import json


class EditorLoader(yaml.SafeLoader):
    """SafeLoader that resolves plain scalars like YAML 1.2's core schema (as
    editors do): no timestamps, no sexagesimal 10:15, no yes/no/on/off booleans,
    no leading-zero octal. Duplicate keys are errors."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
EditorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


EditorLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None,
                f"duplicate key {key!r} (first at line {seen[key] + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


EditorLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

EXERCISE_ID = re.compile(r"^[a-z0-9-]+$")
MODELINE = "# yaml-language-server: $schema="


def load_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def shared_definition_problems(schemas):
    """Definitions repeated under one `$defs` name that differ between schema files."""
    problems = []
    first_seen = {}
    for name, schema in schemas.items():
        for definition, body in schema.get("$defs", {}).items():
            if definition not in first_seen:
                first_seen[definition] = (name, body)
            elif body != first_seen[definition][1]:
                problems.append(f"$defs/{definition} differs between {first_seen[definition][0]} and {name}")
    return problems


def location(error):
    return "/".join(str(p) for p in error.absolute_path) or "(top)"


def check_file(path, validator, modeline_target, root):
    """Return a list of problems with one YAML file, and the loaded document."""
    problems = []
    text = path.read_text(encoding="utf-8")
    first_line = text.splitlines()[0] if text else ""
    expected = MODELINE + modeline_target
    if first_line != expected:
        problems.append(f"first line should be '{expected}'")
    try:
        document = yaml.load(text, Loader=EditorLoader)
    except yaml.YAMLError as error:
        problems.append(f"YAML: {error}".replace("\n", " "))
        return problems, None
    for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        problems.append(f"{location(error)}: {error.message}")
    return problems, document


def exercise_ids_used(program):
    """The `exercise:` ids of a program's items and parts, on every day of `days` too."""
    if not isinstance(program, dict):
        return
    agendas = [program.get("agenda")]
    if isinstance(program.get("days"), list):
        agendas += [day.get("agenda") for day in program["days"] if isinstance(day, dict)]
    for item in (item for agenda in agendas if isinstance(agenda, list) for item in agenda):
        if not isinstance(item, dict):
            continue
        if "exercise" in item:
            yield item["exercise"]
        for part in item.get("parts") or []:
            if isinstance(part, dict) and "exercise" in part:
                yield part["exercise"]


def yaml_files(folder, recursive=False):
    """The .yaml and .yml files in a folder (below it, if recursive), sorted."""
    find = folder.rglob if recursive else folder.glob
    return sorted(path for ext in ("*.yaml", "*.yml") for path in find(ext))


def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parents[2]
    programs_dir = root / "programs"
    exercises_dir = root / "exercises"
    program_schema = load_schema(programs_dir / "program.schema.json")
    series_schema = load_schema(programs_dir / "series.schema.json")
    exercise_schema = load_schema(exercises_dir / "exercise.schema.json")
    followups_schema = load_schema(programs_dir / "followups.schema.json")
    record_schemas = {name: load_schema(programs_dir / f"{name}.schema.json") for name in ("attendance", "evaluations")}

    known_exercises = {p.stem for p in yaml_files(exercises_dir)}
    failures = 0
    checked = 0

    schema_paths = [programs_dir / "program.schema.json", programs_dir / "series.schema.json",
                    programs_dir / "followups.schema.json", exercises_dir / "exercise.schema.json"]
    schemas = {path.relative_to(root).as_posix(): json.loads(path.read_text(encoding="utf-8")) for path in schema_paths}
    for problem in shared_definition_problems(schemas):
        failures += 1
        print(f"FAIL {problem}")

    def report(path, problems):
        nonlocal failures, checked
        checked += 1
        name = path.relative_to(root)
        if problems:
            failures += 1
            print(f"FAIL {name}")
            for problem in problems:
                print(f"     {problem}")
        else:
            print(f"ok   {name}")

    for path in yaml_files(programs_dir, recursive=True):
        relative = path.relative_to(programs_dir).parts
        # modeline paths are relative to the file
        up = "../" * (len(relative) - 1)
        if len(relative) >= 2 and relative[1] == "followups":
            problems, _ = check_file(path, followups_schema, up + "followups.schema.json", root)
            report(path, problems)
            continue
        if len(relative) >= 2 and relative[1] in record_schemas:
            problems, _ = check_file(path, record_schemas[relative[1]], up + f"{relative[1]}.schema.json", root)
            report(path, problems)
            continue
        if path.stem == "series":
            problems, _ = check_file(path, series_schema, up + "series.schema.json", root)
        else:
            problems, document = check_file(path, program_schema, up + "program.schema.json", root)
            for exercise_id in exercise_ids_used(document):
                if isinstance(exercise_id, str) and exercise_id not in known_exercises:
                    problems.append(f"unknown exercise '{exercise_id}' (no exercises/{exercise_id}.yaml)")
        report(path, problems)

    for path in yaml_files(exercises_dir):
        problems, _ = check_file(path, exercise_schema, "exercise.schema.json", root)
        if not EXERCISE_ID.match(path.stem):
            problems.append(f"file name '{path.stem}' is not a valid exercise id [a-z0-9-]+")
        report(path, problems)

    print(f"{checked} files checked, {failures} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
