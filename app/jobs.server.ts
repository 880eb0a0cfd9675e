import type { TaskList } from "graphile-worker";
import { sendOutboxMail } from "~/mail/send.server";

/** Every background task, by the name jobs are queued under. */
export const taskList: TaskList = {
  send_mail: async (payload) => sendOutboxMail(payload),
};
