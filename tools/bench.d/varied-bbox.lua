-- Varied bbox pages for tools/bench: every request asks the first page of a box of the same
-- size as the fixed page's box, its centre drawn at random around the dense spot, so that no
-- page repeats and none can be served from a server's memory of recent pages.
--
-- Usage: wrk … -s tools/bench.d/varied-bbox.lua http://HOST:PORT/collections/lieux/items \
--            -- LON LAT HALF SPREAD SEED LIMIT
--   LON LAT  the dense spot (the fixed box's centre), in degrees
--   HALF     half the side of a box, in degrees (the fixed box's: its side is 2 × HALF)
--   SPREAD   the centre moves by up to SPREAD degrees in longitude and in latitude
--            (uniformly); with SPREAD ≤ HALF every box still holds the dense spot
--   SEED     seed of the draws: wrk thread k draws from SEED × 1000 + k, so threads do not
--            ask the same boxes and the same seed gives the same boxes (LuaJIT's generator)
--   LIMIT    features per page
--
-- Coordinates have 7 decimals: about 10^12 centres for SPREAD = 0.05, so that among the
-- 100,000 requests of a run two are the same page about once in 200 runs.
-- Each request: GET PATH?bbox=MINLON,MINLAT,MAXLON,MAXLAT&limit=LIMIT with
-- Accept: application/geo+json. The responses are not read here (a response() function would
-- slow wrk down): tools/bench checks a sample of the same boxes itself.

local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   lon, lat = tonumber(args[1]), tonumber(args[2])
   half, spread = tonumber(args[3]), tonumber(args[4])
   local seed = tonumber(args[5])
   limit = tonumber(args[6])
   if not (lon and lat and half and spread and seed and limit) then
      error("varied-bbox.lua needs: -- LON LAT HALF SPREAD SEED LIMIT")
   end
   math.randomseed(seed * 1000 + (thread_number or 0))
   wrk.headers["Accept"] = "application/geo+json"
end

function request()
   local x = lon + (2 * math.random() - 1) * spread
   local y = lat + (2 * math.random() - 1) * spread
   local path = string.format("%s?bbox=%.7f,%.7f,%.7f,%.7f&limit=%d", wrk.path,
                              x - half, y - half, x + half, y + half, limit)
   return wrk.format("GET", path)
end
