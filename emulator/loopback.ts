import { BlockList, isIP } from 'node:net'

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1) on dual-stack sockets. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const family = isIP(address ?? '')
  if (!address || family === 0) return false
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * A Host header naming this machine's loopback interface. A web page that points its own DNS
 * name at 127.0.0.1 (DNS rebinding) still sends that name here, so it is refused.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  return name.toLowerCase() === 'localhost' || isLoopbackAddress(name)
}
