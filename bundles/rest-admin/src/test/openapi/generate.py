#!/usr/bin/python3
"""Writes the admin bundle's OpenAPI fragment (src/main/resources/.../openapi-admin.json).

Run after changing a resource; AdminOpenApiTest checks the result against the resource classes.
"""
import json, pathlib

P = {
    "ifMatch": {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
                "description": "The configuration version the change is based on (the ETag of a GET); 409 if it is no longer current"},
    "comment": {"name": "comment", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 500},
                "description": "Why: stored with the new configuration version"},
    "aeTitle": {"name": "aeTitle", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 16}},
    "name": {"name": "name", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 64}},
    "id": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "format": "int64"}},
    "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 50}},
    "offset": {"name": "offset", "in": "query", "schema": {"type": "integer", "default": 0}},
}

def ref(p):
    return {"$ref": "#/components/parameters/Admin" + p[0].upper() + p[1:]}

def error(desc):
    return {"description": desc, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdminError"}}}}

def obj(desc, schema="AdminObject", status="200", array=False):
    s = {"$ref": "#/components/schemas/" + schema}
    if array:
        s = {"type": "array", "items": s}
    return {status: {"description": desc, "content": {"application/json": {"schema": s}}}}

def op(tag, summary, responses, params=(), body=None, role=None, change=False):
    o = {"tags": [tag], "summary": summary + ("" if role is None else " (role: " + role + ")")}
    ps = [ref(p) if isinstance(p, str) else p for p in params]
    if change:
        ps += [ref("ifMatch"), ref("comment")]
    if ps:
        o["parameters"] = ps
    if body:
        o["requestBody"] = body
    r = dict(responses)
    r["401"] = error("no or an unknown API key")
    if role != "viewer":
        r["403"] = error("the key's role is not enough")
    if change:
        r.setdefault("400", error("invalid: every problem with its field; nothing saved"))
        r["409"] = error("If-Match names a version that is no longer current")
    o["responses"] = r
    return o

JSON_BODY = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdminObject"}}}}
NOT_FOUND = {"404": error("unknown name")}
DELETED = {"204": {"description": "deleted; ETag is the new configuration version"}}

def q(name, desc, typ="string"):
    return {"name": name, "in": "query", "schema": {"type": typ}, "description": desc}

paths = {}
def add(path, method, o):
    paths.setdefault(path, {})[method] = o

# routes
add("/routes", "get", op("routes", "Routes with the live state of their listeners", obj("routes", array=True), role="viewer"))
add("/routes", "post", op("routes", "Create a route", {**obj("created", status="201")}, body=JSON_BODY, role="admin", change=True))
add("/routes/{aeTitle}", "get", op("routes", "One route", {**obj("the route"), **NOT_FOUND}, ["aeTitle"], role="viewer"))
add("/routes/{aeTitle}", "put", op("routes", "Replace a route", {**obj("saved"), **NOT_FOUND}, ["aeTitle"], JSON_BODY, "admin", True))
add("/routes/{aeTitle}", "delete", op("routes", "Delete a route", {**DELETED, **NOT_FOUND}, ["aeTitle"], role="admin", change=True))
add("/routes/{aeTitle}/enable", "post", op("routes", "Enable a route", {**obj("saved"), **NOT_FOUND}, ["aeTitle"], role="admin", change=True))
add("/routes/{aeTitle}/disable", "post", op("routes", "Disable a route", {**obj("saved"), **NOT_FOUND}, ["aeTitle"], role="admin", change=True))
# destinations
add("/destinations", "get", op("destinations", "Destinations with availability, last problem and queue counts", obj("destinations", array=True), role="viewer"))
add("/destinations", "post", op("destinations", "Create a destination ({name, type, ...})", obj("created", status="201"), body=JSON_BODY, role="admin", change=True))
add("/destinations/{name}", "get", op("destinations", "One destination", {**obj("the destination"), **NOT_FOUND}, ["name"], role="viewer"))
add("/destinations/{name}", "put", op("destinations", "Replace a destination (a masked secret keeps the stored one)", {**obj("saved"), **NOT_FOUND}, ["name"], JSON_BODY, "admin", True))
add("/destinations/{name}", "delete", op("destinations", "Delete a destination no route uses", {**DELETED, **NOT_FOUND}, ["name"], role="admin", change=True))
add("/destinations/{name}/check", "post", op("destinations", "Check the remote side (C-ECHO, HTTP, directory): status, detail, elapsed_ms",
    {**obj("the check's outcome", "AdminCheck"), **NOT_FOUND, "503": error("the routing engine is not running")}, ["name"], role="operator"))
# brokers
add("/brokers", "get", op("brokers", "Honest brokers", obj("brokers", array=True), role="viewer"))
add("/brokers", "post", op("brokers", "Create an honest broker", obj("created", status="201"), body=JSON_BODY, role="admin", change=True))
add("/brokers/{name}", "get", op("brokers", "One honest broker", {**obj("the broker"), **NOT_FOUND}, ["name"], role="viewer"))
add("/brokers/{name}", "put", op("brokers", "Replace an honest broker", {**obj("saved"), **NOT_FOUND}, ["name"], JSON_BODY, "admin", True))
add("/brokers/{name}", "delete", op("brokers", "Delete an honest broker no route uses", {**DELETED, **NOT_FOUND}, ["name"], role="admin", change=True))
add("/brokers/{name}/crosswalk", "get", op("brokers", "Browse or search the crosswalk (re-identification data)",
    {**obj("a page of mappings", "AdminCrosswalkPage"), **NOT_FOUND, "400": error("bad type, limit or offset")},
    ["name", q("q", "text contained in the original or research value"), q("type", "identifier type, e.g. patient_id"), "limit", "offset"], role="admin"))
add("/brokers/{name}/crosswalk.csv", "get", op("brokers", "Export the crosswalk as CSV (audited)",
    {"200": {"description": "broker,id_type,original,research_id,seq,created_at", "content": {"text/csv": {"schema": {"type": "string"}}}}, **NOT_FOUND},
    ["name", q("type", "identifier type, e.g. patient_id")], role="admin"))
add("/brokers/{name}/lookup", "post", op("brokers", "The research ID of an original value; assigns nothing (audited)",
    {**obj("{broker, type, value, found, research_id}"), **NOT_FOUND, "400": error("type or value missing or unknown")}, ["name"],
    {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdminLookup"}}}}, "admin"))
# scripts
add("/scripts", "get", op("scripts", "Built-in (read-only) and configured scripts", obj("scripts", array=True), role="viewer"))
add("/scripts", "post", op("scripts", "Create a script ({name, content, description}); validated", obj("created", status="201"), body=JSON_BODY, role="admin", change=True))
add("/scripts/samples", "get", op("scripts", "Names of the built-in sample instances for tests", obj("{samples: [...]}"), role="viewer"))
add("/scripts/{name}", "get", op("scripts", "One script with its content", {**obj("the script"), **NOT_FOUND}, ["name"], role="viewer"))
add("/scripts/{name}", "put", op("scripts", "Replace a configured script; validated", {**obj("saved"), **NOT_FOUND}, ["name"], JSON_BODY, "admin", True))
add("/scripts/{name}", "delete", op("scripts", "Delete a configured script no route uses", {**DELETED, **NOT_FOUND}, ["name"], role="admin", change=True))
add("/scripts/validate", "post", op("scripts", "Check a script text: {valid, problems[line, column, message]}", obj("the problems"),
    body={"required": True, "content": {"text/plain": {"schema": {"type": "string"}}, "application/json": {"schema": {"$ref": "#/components/schemas/AdminObject"}}}}, role="operator"))
add("/scripts/test", "post", op("scripts", "Run a script on a built-in sample (JSON) or an uploaded DICOM file: the per-tag changes (audited)",
    {**obj("{script, sample, refused, changes[path, keyword, action, before, after]}"), "400": error("unknown script or sample, unreadable DICOM")},
    [q("script", "script name, with an application/dicom body")],
    {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AdminScriptTest"}},
                                   "application/dicom": {"schema": {"type": "string", "format": "binary"}}}}, "operator"))
# settings
add("/settings", "get", op("settings", "The resilience and settings sections", obj("{resilience, settings}"), role="viewer"))
add("/settings", "put", op("settings", "Replace the sections given (null: defaults)", obj("saved"), body=JSON_BODY, role="admin", change=True))
# config
add("/config/versions", "get", op("config", "Configuration versions, newest first", obj("{current, limit, offset, items}"), ["limit", "offset"], role="viewer"))
add("/config/versions/{id}", "get", op("config", "One version with its document (secrets masked)", {**obj("the version"), "404": error("no such version")}, ["id"], role="viewer"))
add("/config/diff", "get", op("config", "What changed between two versions",
    {**obj("{from, to, changes[op, path, old_value, new_value]}"), "404": error("no such version")},
    [q("from", "version (0: empty)", "integer"), q("to", "version (default: current)", "integer")], role="viewer"))
add("/config/versions/{id}/rollback", "post", op("config", "Save an older version's document as a new version",
    {**obj("the new version"), "404": error("no such version"), "400": error("that document is not valid any more")}, ["id"], role="admin"))
add("/config/export", "get", op("config", "The current configuration as config.yaml (secrets as ${ENV_VAR})",
    {"200": {"description": "config.yaml", "content": {"text/yaml": {"schema": {"type": "string"}}}}}, role="viewer"))
add("/config/import", "post", op("config", "Replace the whole configuration with config.yaml text",
    {**obj("the new version"), "400": error("invalid: every problem"), "409": error("If-Match names an old version")}, [ref("ifMatch")],
    {"required": True, "content": {"text/yaml": {"schema": {"type": "string"}}}}, "admin"))

fragment = {
    "tags": [{"name": n, "description": d} for n, d in [
        ("routes", "DICOM listeners and where what they receive goes"),
        ("destinations", "Where studies are delivered"),
        ("brokers", "Honest brokers and their crosswalks"),
        ("scripts", "DicomEdit de-identification scripts"),
        ("settings", "Delivery retries, retention, limits"),
        ("config", "Configuration versions, diff, rollback, export, import")]],
    "paths": paths,
    "components": {
        "parameters": {"Admin" + k[0].upper() + k[1:]: v for k, v in P.items()},
        "schemas": {
            "AdminObject": {"type": "object", "additionalProperties": True,
                            "description": "An object in the shape of config.yaml (snake_case keys, docs/configuration.md); secrets shown as ********"},
            "AdminError": {"type": "object", "properties": {"error": {"type": "string"}, "problems": {"type": "array", "items": {
                "type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"},
                                                 "line": {"type": "integer"}, "column": {"type": "integer"}}}}}},
            "AdminCheck": {"type": "object", "properties": {"name": {"type": "string"}, "status": {"type": "string", "enum": ["UP", "DEGRADED", "DOWN"]},
                                                            "detail": {"type": "string"}, "elapsed_ms": {"type": "integer"}}},
            "AdminCrosswalkPage": {"type": "object", "properties": {"broker": {"type": "string"}, "total": {"type": "integer"},
                "limit": {"type": "integer"}, "offset": {"type": "integer"}, "entries": {"type": "array", "items": {"type": "object", "properties": {
                    "type": {"type": "string"}, "original": {"type": "string"}, "research_id": {"type": "string"},
                    "sequence": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"}}}}}},
            "AdminLookup": {"type": "object", "required": ["type", "value"], "properties": {
                "type": {"type": "string", "enum": ["patient_id", "patient_name", "accession", "study_uid", "series_uid", "sop_uid", "date_shift"]},
                "value": {"type": "string", "maxLength": 1024}}},
            "AdminScriptTest": {"type": "object", "required": ["sample"], "properties": {
                "script": {"type": "string", "description": "a built-in or configured script name"},
                "content": {"type": "string", "description": "a script text (instead of script)"},
                "sample": {"type": "string", "enum": ["ct_small", "mr_small"]},
                "variables": {"type": "object", "additionalProperties": {"type": "string"}}}},
        },
    },
}
out = pathlib.Path(__file__).resolve().parents[2] / "main/resources/org/xnat/router/rest/admin/internal/openapi-admin.json"
out.write_text(json.dumps(fragment, indent=1) + "\n")
print(out, len(paths), "paths")
