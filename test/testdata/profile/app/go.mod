module example.com/mapleakdemo

go 1.22
