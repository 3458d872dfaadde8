/// "1 workday", "3 workdays", "0 participants": a count and its noun, so no message says "1 stages".
extension Int {
    /// The count followed by `singular` for exactly one, else `plural` (by default `singular` + "s").
    public func counted(_ singular: String, _ plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
