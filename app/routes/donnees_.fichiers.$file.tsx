import type { LoaderFunctionArgs } from "@remix-run/node";
import { withDomainErrors } from "~/http/answers.server";
import { openDataResponse } from "~/open-data/download.server";

// Public: the open-data files and their Table Schemas (/donnees/fichiers/<name>.csv, <name>.schema.json).
export const loader = /* @__PURE__ */ withDomainErrors(({ request, params }: LoaderFunctionArgs) => openDataResponse(request, params.file));
