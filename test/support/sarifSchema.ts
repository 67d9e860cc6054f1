/**
 * The official SARIF 2.1.0 schema (draft-04, as shipped by Microsoft's SARIF tooling), compiled once
 * for every test that validates a SARIF log: the gate's, the audit's, the CI recipe's.
 */
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

// The schema's language pattern is not valid in unicode mode; the rest of it compiles as published.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);

/** Validates a parsed log against the schema; `validateSarif.errors` holds what failed. */
export const validateSarif = ajv.compile(SARIF_SCHEMA);
