module example.com/mapshrink/old

go 1.20
