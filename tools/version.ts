/** This package's version, sent in the User-Agent. A test keeps it equal to package.json. */
export const PACKAGE_VERSION = '0.1.0'

/** The Intercom API version every request pins, unless the context says otherwise. */
export const DEFAULT_INTERCOM_VERSION = '2.16'
