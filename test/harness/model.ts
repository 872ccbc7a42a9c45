// Moved to scanner/engine/model.ts (the command-line scanner ships the engine emulator); kept so imports keep working.
export * from "../../scanner/engine/model";
