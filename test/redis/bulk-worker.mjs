// One worker process of the cross-process bulk job: creates contacts, then reads them back,
// through the built package and a Redis rate-limit store shared with the other workers. Prints
// one JSON line: what it did, every answer's time and every 429 it saw.
// Arguments: a JSON object { sandboxUrl, token, redisUrl, prefix, name, creates, lanes }.
import { createClient } from 'redis'
import { executeTool } from 'intercom-blocks'
import { redisRateLimitStore } from 'intercom-blocks/redis'

const { sandboxUrl, token, redisUrl, prefix, name, creates, lanes } = JSON.parse(process.argv[2])
const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500), connectTimeout: 2_000 } })
const warnings = []
redis.on('error', () => undefined)
await redis.connect()

const answered = []
let tooMany = 0
const counting = async (input, init) => {
  const response = await fetch(input, init)
  if (response.status === 429) tooMany++
  else answered.push(Date.now())
  return response
}
const context = {
  accessToken: token,
  baseUrl: sandboxUrl,
  fetch: counting,
  rateLimitStore: redisRateLimitStore(redis, { prefix, onWarning: (message) => warnings.push(message) }),
}

const failures = []
const ids = []
async function run(count, one) {
  let next = 0
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) await one(next++)
    }),
  )
}
await run(creates, async (index) => {
  const result = await executeTool('intercom_create_contact', { email: `${name}-${index}@example.com` }, context)
  if (result.success) ids.push(result.output.contactId)
  else failures.push(result.error)
})
await run(ids.length, async (index) => {
  const result = await executeTool('intercom_get_contact', { contactId: ids[index] }, context)
  if (!result.success) failures.push(result.error)
})
await redis.close()
console.log(JSON.stringify({ name, created: ids.length, failures, answered, tooMany, warnings }))
