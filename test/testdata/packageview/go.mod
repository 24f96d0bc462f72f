module example.com/packageview

go 1.22
