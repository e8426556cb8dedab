-- The example service's load (run.sh, ROWS='^example service'): GET /quote/sku-N, N a random product of its
-- catalog (sku-1 to sku-1000), so that the database is asked for many different rows.
request = function()
  return wrk.format("GET", "/quote/sku-" .. math.random(1, 1000))
end
