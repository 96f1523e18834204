/** Moved to modules/mathesar (the targets' settings tables in modules/ read it); re-exported for the module stacks. */
export * from "../../modules/mathesar/existing-database-validations";
