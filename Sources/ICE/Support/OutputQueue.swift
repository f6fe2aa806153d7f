/// A FIFO with amortized O(1) pops, for the transmits and events a core hands out.
package struct OutputQueue<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private var head = 0

    package init() {}

    package var isEmpty: Bool { head >= items.count }
    package var count: Int { items.count - head }

    package mutating func push(_ item: Element) {
        items.append(item)
    }

    package mutating func pop() -> Element? {
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
