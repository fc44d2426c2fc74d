fn main() {
    std::process::exit(irsite::cli::main());
}
