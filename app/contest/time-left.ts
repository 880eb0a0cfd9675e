/** "3 jours et 4 heures", "2 heures et 5 minutes", "moins d'une minute": the time until a deadline, in French. */
export function timeLeft(from: Date, to: Date): string | null {
  const ms = to.getTime() - from.getTime();
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, singular: string, plural: string) => `${n} ${n > 1 ? plural : singular}`;
  if (days > 0) return hours > 0 ? `${unit(days, "jour", "jours")} et ${unit(hours, "heure", "heures")}` : unit(days, "jour", "jours");
  if (hours > 0) return mins > 0 ? `${unit(hours, "heure", "heures")} et ${unit(mins, "minute", "minutes")}` : unit(hours, "heure", "heures");
  if (mins > 0) return unit(mins, "minute", "minutes");
  return "moins d'une minute";
}
