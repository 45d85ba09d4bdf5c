-- wrk script of make loadtest: a mixed workload, four reads for every write, over the events,
-- figures, actors and stats of a generated corpus. Every write is a POST /v1/events with its own
-- title and Idempotency-Key. Arguments after "--": the number of events, the API key, the phase
-- name (part of every title) and the file to which done() writes the titles of the
-- acknowledged writes (201), one a line. done() prints the counts as one JSON line.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  n_events = tonumber(args[1])
  key = args[2]
  phase = args[3]
  ackfile = args[4]
  counter = 0
  s2, s3, s4, s5 = 0, 0, 0, 0
  acked = {}
  math.randomseed(id * 7919)
end

local reads = {
  function() return "/v1/events/" .. math.random(1, n_events) end,
  function()
    local m = math.random(1, 12)
    return string.format("/v1/events?from=2022-%02d-01&to=2022-%02d-28&limit=20", m, m)
  end,
  function() return "/v1/figures?metric=employees_affected&limit=20&sort=-date" end,
  function() return "/v1/actors?limit=10&q=" .. string.char(96 + math.random(1, 26)) end,
}

function request()
  counter = counter + 1
  local auth = "Bearer " .. key
  if counter % 5 == 0 then
    local title = "loadtest-" .. phase .. "-" .. id .. "-" .. counter
    -- Dates spread over five years, as reports are: not thousands of events on one day.
    local date = string.format("%d-%02d-%02d", 2020 + math.random(0, 4), math.random(1, 12), math.random(1, 28))
    local body = '{"type":"layoff","title":"' .. title .. '","date_start":"' .. date .. '",' ..
      '"actors":[{"name":"Load Test Corp","kind":"organization","role":"employer"}],' ..
      '"figures":[{"metric":"employees_affected","value":' .. counter .. ',"unit":"person","qualifier":"exact"}]}'
    return wrk.format("POST", "/v1/events",
      {["Authorization"] = auth, ["Content-Type"] = "application/json", ["Idempotency-Key"] = title}, body)
  end
  return wrk.format("GET", reads[counter % 5](), {["Authorization"] = auth})
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  if class == 2 then s2 = s2 + 1 elseif class == 3 then s3 = s3 + 1
  elseif class == 4 then s4 = s4 + 1 else s5 = s5 + 1 end
  if status == 201 then
    local title = string.match(body, '"title":"(loadtest%-[^"]+)"')
    if title then acked[#acked + 1] = title end
  end
end

function done(summary, latency, requests)
  local t2, t3, t4, t5, writes = 0, 0, 0, 0, 0
  local f = io.open(threads[1]:get("ackfile") or "", "w")
  for _, t in ipairs(threads) do
    t2 = t2 + t:get("s2"); t3 = t3 + t:get("s3"); t4 = t4 + t:get("s4"); t5 = t5 + t:get("s5")
    local a = t:get("acked")
    writes = writes + #a
    if f then for _, title in ipairs(a) do f:write(title, "\n") end end
  end
  if f then f:close() end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"s2xx":%d,"s3xx":%d,"s4xx":%d,"s5xx":%d,"writes_acked":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, t2, t3, t4, t5, writes, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
