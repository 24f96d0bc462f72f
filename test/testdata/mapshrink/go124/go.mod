module example.com/mapshrink/go124

go 1.24
