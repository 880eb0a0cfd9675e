import { z } from "zod";
import { exportKinds } from "./kinds";

export const exportRequestSchema = z.object({ kind: z.enum(exportKinds, { message: "Choisissez ce qu'il faut exporter." }) });
export const exportRequestLabels = { kind: "Export" };
