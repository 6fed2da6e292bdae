/** What react-use's async hooks return, as the sections receive it. */
export interface AsyncState<T> {
  loading: boolean;
  error?: Error;
  value?: T;
}
