import type { TaskList } from "graphile-worker";
import { purgeExpiredSessions } from "~/accounts/sessions.server";
import { purgeStaleLoginFailures } from "~/accounts/throttle.server";
import { checkAuditJournal, VERIFY_AUDIT_TASK } from "~/audit/verification.server";
import { RUN_EXPORT_TASK, runExport } from "~/exports/exports.server";
import { refreshDashboards } from "~/dashboards/snapshots.server";
import { ADVANCE_LEDGER_CHECKPOINTS_TASK, advanceLedgerCheckpoints } from "~/envelope/ledger-checkpoints.server";
import { askDueFeedback } from "~/feedback/feedback.server";
import { now } from "~/infra/clock.server";
import { sendOutboxMail } from "~/mail/send.server";
import { processUploadTask, purgeRefusedOriginals } from "~/media/processing.server";
import { generateOpenData } from "~/open-data/files.server";
import { structureFiles } from "~/structures/structure-files.server";
import { proposalFiles } from "~/submissions/proposal-files.server";

/** Whether a job asks for the full run (`{full: true}`: nightly, or asked by an admin) rather than the incremental one. */
const asksFullRun = (payload: unknown) => (payload as { full?: boolean } | null)?.full === true;

/** Every background task, by the name jobs are queued under. */
export const taskList: TaskList = {
  // graphile-worker has already counted this run in job.attempts when the task starts.
  send_mail: async (payload, helpers) => {
    await sendOutboxMail(payload, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  },
  // Photos re-encoded into derivatives, PDFs cleaned of their metadata (queued by receiveUpload).
  [proposalFiles.processTask]: processUploadTask(proposalFiles),
  [structureFiles.processTask]: processUploadTask(structureFiles),
  // Housekeeping promised by the personal-data notice: dead sessions and old login failures go.
  purge_expired: async () => {
    await purgeExpiredSessions();
    await purgeStaleLoginFailures();
  },
  // Originals of refused uploads leave the store; their rows stay.
  purge_refused_originals: async () => {
    await purgeRefusedOriginals(proposalFiles);
    await purgeRefusedOriginals(structureFiles);
  },
  // Structures asked how a delivered kit is used, some weeks after its delivery (once each).
  ask_feedback: async () => {
    await askDueFeedback({ now: now() });
  },
  // The open-data files, written again when their data changed since the last run (docs/decisions/038).
  generate_open_data: async () => {
    await generateOpenData({ now: now() });
  },
  // The audit journal's chains checked off the request path: the entries appended since the last run,
  // or every entry when `full` (nightly, or asked by an admin) (docs/decisions/044).
  [VERIFY_AUDIT_TASK]: async (payload) => {
    await checkAuditJournal({ full: asksFullRun(payload), now: now() });
  },
  // The sums of the ledger kept per account, so that the envelope page checks each counter without
  // reading every entry; `full` (nightly) sums every entry again (docs/decisions/050).
  [ADVANCE_LEDGER_CHECKPOINTS_TASK]: async (payload) => {
    await advanceLedgerCheckpoints({ full: asksFullRun(payload), now: now() });
  },
  // The dashboards' read model, computed again when its sources changed (docs/decisions/045).
  refresh_dashboards: async () => {
    await refreshDashboards({ now: now() });
  },
  // A long CSV export an admin asked for (queued by requestExport).
  [RUN_EXPORT_TASK]: async (payload) => {
    await runExport((payload as { id: number }).id, { now });
  },
};

/** Recurring jobs (graphile-worker crontab syntax: minute hour day month weekday task). */
export const crontab = [
  "17 * * * * purge_expired",
  "47 * * * * purge_refused_originals",
  "29 * * * * ask_feedback",
  "*/5 * * * * generate_open_data",
  `*/5 * * * * ${VERIFY_AUDIT_TASK}`,
  `13 3 * * * ${VERIFY_AUDIT_TASK} ?id=${VERIFY_AUDIT_TASK}_full {full:true}`,
  `*/5 * * * * ${ADVANCE_LEDGER_CHECKPOINTS_TASK}`,
  `43 3 * * * ${ADVANCE_LEDGER_CHECKPOINTS_TASK} ?id=${ADVANCE_LEDGER_CHECKPOINTS_TASK}_full {full:true}`,
  // One refresh at a time (its queue); a tick while one runs waits as one job (its key), not a pile.
  "* * * * * refresh_dashboards ?queue=dashboards&jobKey=refresh_dashboards&max=1",
].join("\n");
