import type { SerializeFrom } from "@remix-run/node";
import { formatDateTime } from "~/infra/paris-time";
import type { TimelineEvent } from "~/orders/order-timeline";

/** The order's history, oldest first. */
export function Timeline({ events }: { events: SerializeFrom<TimelineEvent>[] }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="suivi-titre">
      <h2 id="suivi-titre">Suivi</h2>
      <ol>
        {events.map((event, index) => (
          <li key={index}>
            <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at)}</time> — {event.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
