import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requireUser } from "~/accounts/permissions.server";

// The instructors' space: their départements' structures to verify. Each child route checks the
// role itself too, since Remix runs a child's loader and action even when this one refuses.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: "instructor" });
  return null;
}

export default function InstructionLayout() {
  return (
    <div className="fr-container fr-my-6w">
      <Outlet />
    </div>
  );
}
