import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Reloads the page's data every `everyMs` while the page is visible, and at once when it becomes
 * visible again; never while a form is on its way or a reload already runs. For figures others
 * change meanwhile (a département's allocation as orders arrive and are decided).
 */
export function useRevalidateWhileVisible(everyMs: number) {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const busy = useRef(false);
  busy.current = revalidator.state !== "idle" || navigation.state !== "idle";
  const { revalidate } = revalidator;
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible" && !busy.current) revalidate();
    };
    const timer = setInterval(refresh, everyMs);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [everyMs, revalidate]);
}
