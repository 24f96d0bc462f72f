// Empty: lets clear_go119.go declare runtime.mapclear without a body.
