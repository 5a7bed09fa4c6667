/**
 * The rate-limit gate's two decisions as Lua scripts, so that Redis runs each one atomically for
 * every process that shares the store. They are `decide` and `learn` of `tools/rate-limit.ts`,
 * branch for branch, over the same fields (`RateLimitKeyState`) kept in one hash per key; a
 * property test runs random sequences through both and requires the same answers.
 *
 * Numbers cross the boundary as text written with `%.17g`, which reads back as the same double,
 * so the two implementations agree to the bit (Redis would truncate a Lua number in a reply).
 */

/** Shared head of both scripts: reads the hash, and writes numbers exactly. */
const HEAD = `
local key = KEYS[1]
local function num(v) if v then return tonumber(v) end return nil end
local function text(x) return string.format('%.17g', x) end
local f = redis.call('HMGET', key, 'limit', 'windowMs', 'unmetered', 'tat', 'blockedUntil', 'probeUntil', 'granted', 'resetAt', 'remaining', 'remainingTicket', 'windowStart')
local limit, windowMs = num(f[1]), num(f[2])
local unmetered = f[3] == '1'
local tat, blockedUntil, probeUntil, granted = num(f[4]) or 0, num(f[5]) or 0, num(f[6]) or 0, num(f[7]) or 0
local resetAt, remaining, remainingTicket, windowStart = num(f[8]), num(f[9]), num(f[10]), num(f[11])
-- The key lives until its last reserved time plus idleMs, then Redis drops it.
local function expire(now, idleMs)
  local last = math.max(tat, blockedUntil, probeUntil, resetAt or 0)
  redis.call('PEXPIRE', key, math.ceil(math.max(last - now, 0) + idleMs))
end
`

/**
 * acquire: KEYS[1] = key; ARGV = now, maxWaitMs, margin, probeMs, idleMs.
 * Returns { 1, waitMs, ticket } for a reserved slot, or { 0, waitMs, reason } when nothing was
 * reserved (reason `probe`: another call is reading the limit; the others: a known wait).
 */
export const ACQUIRE_SCRIPT = `${HEAD}
local now, maxWait, margin, probeMs, idleMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local function grant(start, interval)
  tat = start + interval
  local ticket = granted
  granted = granted + 1
  redis.call('HSET', key, 'tat', text(tat), 'granted', text(granted), 'probeUntil', text(probeUntil))
  expire(now, idleMs)
  return { 1, text(start - now), text(ticket) }
end
local function deny(wait, reason) return { 0, text(wait), reason } end
local function probe()
  if probeUntil > now then return deny(probeUntil - now, 'probe') end
  local start = math.max(now, blockedUntil)
  if start - now > maxWait then return deny(start - now, 'blocked') end
  probeUntil = start + probeMs
  return grant(start, 0)
end
if unmetered then return grant(now, 0) end
if limit == nil then return probe() end
local start = math.max(now, blockedUntil, tat)
local interval
if windowMs ~= nil then
  interval = (windowMs * (1 + margin)) / limit
elseif resetAt ~= nil and resetAt > now then
  local left = (remaining or limit) - (granted - 1 - (remainingTicket or -1))
  if left <= 0 or start >= resetAt then return deny(math.max(start, resetAt) - now, 'spent') end
  interval = (resetAt - start) / left
else
  if blockedUntil > now then return deny(blockedUntil - now, 'blocked') end
  return probe()
end
if start - now > maxWait then return deny(start - now, 'far') end
return grant(start, interval)
`

/**
 * update: KEYS[1] = key; ARGV = status, limit, remaining, resetAt, retryAt, sentAt, receivedAt,
 * ticket, now, idleMs (an empty string for an absent value). Returns 1.
 */
export const UPDATE_SCRIPT = `${HEAD}
local function arg(i) if ARGV[i] == '' then return nil end return tonumber(ARGV[i]) end
local status, oLimit, oRemaining, oResetAt, retryAt = arg(1), arg(2), arg(3), arg(4), arg(5)
local sentAt, receivedAt, ticket, now, idleMs = arg(6), arg(7), arg(8), arg(9), arg(10)
probeUntil = 0
if status ~= 0 then
  if oLimit == nil or oRemaining == nil or oResetAt == nil then
    if status ~= 429 and limit == nil then unmetered = true end
  else
    unmetered = false
    limit = oLimit
    if resetAt == nil or oResetAt > resetAt then
      -- A later reset: a new window. The smallest step between two resets is the window.
      if resetAt ~= nil and resetAt > sentAt - 60000 then
        local step = oResetAt - resetAt
        if step > 0 and (windowMs == nil or step < windowMs) then windowMs = step end
      end
      resetAt = oResetAt
      remaining = oRemaining
      remainingTicket = ticket
      if oRemaining == oLimit - 1 then windowStart = receivedAt else windowStart = nil end
    elseif oResetAt == resetAt then
      if remaining == nil or oRemaining < remaining then
        remaining = oRemaining
        remainingTicket = ticket
      end
      if oRemaining == oLimit - 1 then windowStart = receivedAt end
    end
  end
  if status == 429 then
    local untilAt = retryAt or oResetAt or resetAt
    if retryAt == nil and untilAt ~= nil and windowStart ~= nil and windowMs ~= nil then untilAt = math.min(untilAt, windowStart + windowMs) end
    if untilAt == nil or untilAt <= receivedAt then untilAt = receivedAt + 1000 end
    blockedUntil = math.max(blockedUntil, untilAt)
    tat = math.max(tat, blockedUntil)
  end
end
local set = { 'probeUntil', '0', 'unmetered', unmetered and '1' or '0', 'tat', text(tat), 'blockedUntil', text(blockedUntil), 'granted', text(granted) }
local unset = {}
local function put(name, value)
  if value == nil then unset[#unset + 1] = name else set[#set + 1] = name; set[#set + 1] = text(value) end
end
put('limit', limit)
put('windowMs', windowMs)
put('resetAt', resetAt)
put('remaining', remaining)
put('remainingTicket', remainingTicket)
put('windowStart', windowStart)
redis.call('HSET', key, unpack(set))
if #unset > 0 then redis.call('HDEL', key, unpack(unset)) end
expire(now, idleMs)
return 1
`
