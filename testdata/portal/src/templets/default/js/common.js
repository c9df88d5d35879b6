// 我爱株洲 公共脚本
function SetHome(obj, url) {
    try {
        obj.style.behavior = 'url(#default#homepage)';
        obj.setHomePage(url);
    } catch (e) {
        alert("您的浏览器不支持自动设置首页，请手动设置。");
    }
}
function AddFavorite(title, url) {
    try {
        window.external.addFavorite(url, title);
    } catch (e) {
        alert("加入收藏失败，请使用 Ctrl+D 进行添加。");
    }
}
// 浏览次数：页面已输出计数，此处仅做统计上报（演示站点不上报）
function getHits(aid) {
    return aid;
}
