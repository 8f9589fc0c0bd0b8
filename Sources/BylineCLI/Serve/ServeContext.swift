import BylineTM
import Hummingbird

/// What the service knows of a request beyond the request itself: who sent it.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The token the request came with, once the access check has passed.
    var user: AccessToken?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
