/**
 * assume-guard's reusable components: an assume-only user, a conditioned role, a scoped table, and
 * the pure IAM document renderer they share.
 */
export * from "./assumeOnlyUser";
export * from "./guardedRole";
export * from "./scopedTable";
export * from "./validation";
export * as actions from "./iam/actions";
export * as arns from "./iam/arns";
export * as documents from "./iam/documents";
export * as render from "./iam/render";
export * from "./cliProfile";
export { currentScope, RegionalScope } from "./scope";
export * from "./crossAccountRole";
export * from "./mfaEnrolmentRole";
export * from "./presets";
export * from "./sessionProvider";
