// Moved to scanner/engine/report.ts (the command-line scanner ships the engine emulator); kept so imports keep working.
export * from "../../scanner/engine/report";
