module example.com/mapshrink

go 1.26
