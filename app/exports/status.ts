import { plural } from "~/ui/plural";

export type ExportStatus = "queued" | "running" | "done" | "failed";

/** Where an export stands, in a few words. */
export function exportStatusLabel(job: { status: ExportStatus; rowsDone: number; rowsTotal: number | null }): string {
  switch (job.status) {
    case "queued":
      return "En attente";
    case "running":
      return job.rowsTotal === null ? "En cours" : `En cours : ${job.rowsDone} lignes sur ${job.rowsTotal}`;
    case "done":
      return `Prêt : ${plural(job.rowsDone, "ligne")}`;
    case "failed":
      return "Échec : demandez un nouvel export";
  }
}
