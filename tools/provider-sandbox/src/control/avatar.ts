/** A flat coloured disc whose hue comes from the user id, so each user looks different. */
export function avatarSvg(userId: string): string {
  const hue = Number(BigInt(userId) % 360n);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><circle cx="48" cy="48" r="48" fill="hsl(${hue},60%,55%)"/></svg>`;
}
