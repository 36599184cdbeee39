// Built only to make the tests' shared precompiled header (TrellisTesting.cmake).
int main() { return 0; }
