// Time bounds that hold on a busy machine: the CPU time this process spent (user + system, in
// milliseconds), not the wall clock, which other processes stretch. A hang or a blow-up still
// spends CPU time; waiting for a core does not.
export function cpuNow(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
