// Moved to scanner/engine/values.ts (the command-line scanner ships the engine emulator); kept so imports keep working.
export * from "../../scanner/engine/values";
