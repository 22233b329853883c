// core/ cannot call cockpit.gettext; N_ marks its messages for extraction and the UI translates them.
export const N_ = (message: string): string => message;
