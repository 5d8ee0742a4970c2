-- Applies one chunk of a Redis sink subtask's batch exactly once. A batch is split into groups
-- (one per hash slot on a Redis Cluster; the whole batch on a standalone server) and each group
-- into chunks of at most batchSize records, numbered from 0 within the group.
-- KEYS[1]    the group's fence key, holding "<run>/<checkpoint>/<chunk>" of the last chunk applied
-- KEYS[2..]  one key per record, in record order (on a Cluster all in the fence key's slot)
-- ARGV[1]    run   ARGV[2] checkpoint   ARGV[3] chunk   (run "": at-least-once, no fence)
-- ARGV[4]    ttl in ms, or "" for none
-- ARGV[5]    "string" | "hash" | "zset"
-- ARGV[6..]  per record: the number of its arguments, then the arguments
--            (string: value; hash: field, value, ...; zset: score, member)
-- Returns -1 when the fence shows the chunk applied; otherwise a flat list of
-- {record number, error} for records Redis refused (WRONGTYPE): the others are written.
-- Any other error (out of memory, a read-only replica) aborts the script so the whole batch is
-- tried again later; what it wrote by then is written again identically.
local fenced = ARGV[1] ~= ''
local fence = fenced and redis.call('GET', KEYS[1])
if fence then
  local run, checkpoint, chunk = string.match(fence, '^(.*)/(%d+)/(%d+)$')
  if run == ARGV[1] then
    checkpoint = tonumber(checkpoint)
    local current = tonumber(ARGV[2])
    if checkpoint > current or (checkpoint == current and tonumber(chunk) >= tonumber(ARGV[3])) then
      return -1
    end
  end
end
local ttl = ARGV[4]
local kind = ARGV[5]
local a = 6
local refused = {}
for k = 2, #KEYS do
  local key = KEYS[k]
  local n = tonumber(ARGV[a])
  a = a + 1
  local reply
  if kind == 'string' then
    if ttl ~= '' then
      reply = redis.pcall('SET', key, ARGV[a], 'PX', ttl)
    else
      reply = redis.pcall('SET', key, ARGV[a])
    end
  elseif kind == 'hash' then
    if n > 0 then
      reply = redis.pcall('HSET', key, unpack(ARGV, a, a + n - 1))
    end
  else
    reply = redis.pcall('ZADD', key, ARGV[a], ARGV[a + 1])
  end
  a = a + n
  if type(reply) == 'table' and reply.err then
    if string.sub(reply.err, 1, 9) == 'WRONGTYPE' then
      refused[#refused + 1] = k - 1
      refused[#refused + 1] = reply.err
    else
      return redis.error_reply(reply.err)
    end
  elseif ttl ~= '' and kind ~= 'string' and (kind ~= 'hash' or n > 0) then
    redis.call('PEXPIRE', key, ttl)
  end
end
if fenced then
  redis.call('SET', KEYS[1], ARGV[1] .. '/' .. ARGV[2] .. '/' .. ARGV[3])
end
return refused
