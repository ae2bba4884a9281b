/** The mini program's entry: connects to the cloud environment once, before any page asks for data, and watches the network. */
import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initCloud } from './services/cloud';
import { watchNetwork } from './services/network-notice';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud();
    watchNetwork();
  });
  return children;
}

export default App;
