"""Validate a report against a vendored schema.

    validate.py junit FILE     JUnit XML against junit-10.xsd
    validate.py sarif FILE     SARIF against the SARIF 2.1.0 JSON schema
    validate.py report FILE    `audit --format json` against schema/report.schema.json

Exit 0 when valid; otherwise exit 1 with the validator's reason on stderr.
"""

import json
import pathlib
import sys

HERE = pathlib.Path(__file__).parent


def main() -> int:
    kind, path = sys.argv[1], pathlib.Path(sys.argv[2])
    try:
        if kind == "junit":
            import xmlschema

            xmlschema.XMLSchema(HERE / "junit-10.xsd").validate(str(path))
        elif kind == "sarif":
            import jsonschema

            schema = json.loads((HERE / "sarif-2.1.0-rtm.5.json").read_text())
            jsonschema.Draft4Validator(schema).validate(json.loads(path.read_text()))
        elif kind == "report":
            import jsonschema

            schema = json.loads((HERE.parent.parent / "schema/report.schema.json").read_text())
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text()))
        else:
            print(f"unknown kind {kind}", file=sys.stderr)
            return 2
    except Exception as error:  # the validators' own errors carry the reason
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
