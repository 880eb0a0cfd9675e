import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** Reloads the page's data every two seconds while `pending` holds (files being processed by the worker). */
export function useRevalidateWhile(pending: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  return revalidator;
}
