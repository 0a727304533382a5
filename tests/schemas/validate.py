"""Validate a report against a vendored schema.

    validate.py junit FILE     JUnit XML against junit-10.xsd
    validate.py sarif FILE     SARIF against the SARIF 2.1.0 JSON schema
    validate.py report FILE    `audit --format json` against schema/report.schema.json
    validate.py diff FILE      `diff --format json` against schema/diff.schema.json
    validate.py asff FILE      ASFF findings against Security Hub's BatchImportFindings input
                               in botocore's service model: botocore's own parameter validator
                               (required members, types, lengths), plus every enum value
    validate.py ocsf FILE      OCSF events against the OCSF 1.8.0 Compliance Finding schema,
                               plus what the schema leaves out (type_uid, version, time in ms)

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
        elif kind in ("report", "diff"):
            import jsonschema

            schema = json.loads((HERE.parent.parent / f"schema/{kind}.schema.json").read_text())
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text()))
        elif kind == "asff":
            validate_asff(json.loads(path.read_text()))
        elif kind == "ocsf":
            validate_ocsf(json.loads(path.read_text()))
        else:
            print(f"unknown kind {kind}", file=sys.stderr)
            return 2
    except Exception as error:  # the validators' own errors carry the reason
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def validate_asff(findings: list) -> None:
    import botocore.session
    from botocore.validate import ParamValidator

    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    params = {"Findings": findings}
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        raise ValueError(report.generate_report())
    check_enums(params, shape, "")


def check_enums(value, shape, where: str) -> None:
    """botocore leaves enum values to the service: check them against the model here."""
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            if name in value:
                check_enums(value[name], member, f"{where}.{name}")
    elif shape.type_name == "list":
        for i, item in enumerate(value):
            check_enums(item, shape.member, f"{where}[{i}]")
    elif shape.type_name == "map":
        for key, item in value.items():
            check_enums(item, shape.value, f"{where}[{key}]")
    elif getattr(shape, "enum", None) and value not in shape.enum:
        raise ValueError(f"{where}: {value!r} is not one of {shape.enum}")


def validate_ocsf(events: list) -> None:
    import jsonschema

    schema = json.loads((HERE / "ocsf-1.8.0-compliance_finding.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    if not isinstance(events, list) or not events:
        raise ValueError("expected a non-empty JSON array of events")
    for i, event in enumerate(events):
        validator.validate(event)
        if event["type_uid"] != event["class_uid"] * 100 + event["activity_id"]:
            raise ValueError(f"event {i}: type_uid does not match class_uid and activity_id")
        if event["metadata"]["version"] != "1.8.0":
            raise ValueError(f"event {i}: metadata.version is not 1.8.0")
        # Milliseconds since the epoch: a time in seconds would be in 1970.
        if not 10**12 <= event["time"] < 10**14:
            raise ValueError(f"event {i}: time is not in milliseconds since the epoch")


if __name__ == "__main__":
    sys.exit(main())
