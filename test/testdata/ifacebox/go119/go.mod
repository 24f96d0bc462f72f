module example.com/ifacebox/go119

go 1.19
