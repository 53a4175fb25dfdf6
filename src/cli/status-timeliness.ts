/** "4 min", "2 h 5 min", "3 d": a lag a person reads at a glance. */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return 'nothing seen yet';
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}
