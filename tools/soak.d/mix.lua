-- wrk script of tools/soak: cycles through the paths of a file (one per line, already
-- percent-encoded), each thread from its own offset. Every fourth request carries the last
-- ETag the thread received in If-None-Match: the ETag names the data version, the same for
-- every address, so the answer is 304 until the data changes, then 200.
-- Usage: wrk ... -s tools/soak.d/mix.lua URL -- PATHS_FILE
-- done() prints one line `SOAK {...}` (JSON): requests, errors, statuses ("503-occupe": the
-- service's refusal when four exports already run), latency percentiles.

local threads = {}

function setup(thread)
    thread:set("index", #threads)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if line ~= "" then table.insert(paths, line) end
    end
    position = (index * 7) % #paths
    sent = 0
    etag = nil
    statuses = {}
end

function request()
    position = position % #paths + 1
    sent = sent + 1
    local headers = { ["Accept-Encoding"] = "identity" }
    if etag ~= nil and sent % 4 == 0 then headers["If-None-Match"] = etag end
    return wrk.format("GET", paths[position], headers)
end

function response(status, headers, body)
    local key = tostring(status)
    -- The documented refusal when four exports are already running (Retry-After).
    if status == 503 and body ~= nil and string.find(body, "service-occupe", 1, true) then key = "503-occupe" end
    statuses[key] = (statuses[key] or 0) + 1
    local tag = headers["ETag"] or headers["etag"] or headers["Etag"]
    if tag ~= nil then etag = tag end
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        local counts = thread:get("statuses")
        for key, value in pairs(counts) do total[key] = (total[key] or 0) + value end
    end
    local parts = {}
    for key, value in pairs(total) do table.insert(parts, string.format('"%s":%d', key, value)) end
    local errors = summary.errors
    io.write(string.format(
        'SOAK {"requests":%d,"duration_us":%d,"bytes":%d,' ..
        '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
        '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,"statuses":{%s}}\n',
        summary.requests, summary.duration, summary.bytes,
        errors.connect, errors.read, errors.write, errors.status, errors.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
        table.concat(parts, ",")))
end
